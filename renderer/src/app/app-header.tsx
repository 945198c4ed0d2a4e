import type { Ref } from 'react';
import { EnginePill } from '../features/docker-engine/engine-pill.js';

/** The bar above each page: its title (focused on navigation) and the engine state. */
export function AppHeader({ title, ref }: { title: string; ref?: Ref<HTMLHeadingElement> }) {
  return (
    <header className="app-header">
      <h1 className="app-header__title" ref={ref} tabIndex={-1}>
        {title}
      </h1>
      <EnginePill />
    </header>
  );
}
