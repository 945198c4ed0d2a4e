// Runs before the first paint: a classic, blocking <script> in index.html's <head>, served as is
// (renderer/public/). It puts the theme on <html> so that the frame in index.html, painted before the
// app's script has run, is already in the right scheme (theme.css keys the dark tokens on data-theme).
// It follows ThemeController (src/features/settings/theme.ts), which takes over when the app starts:
// the cached choice, else the OS. theme-early.test.ts keeps the two in step.
(function () {
  var choice = 'system';
  try {
    var cached = window.localStorage.getItem('berth.theme');
    if (cached === 'light' || cached === 'dark') choice = cached;
  } catch {
    // Storage off: follow the OS, as ThemeController does.
  }
  var osDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = choice === 'system' ? (osDark ? 'dark' : 'light') : choice;
})();
