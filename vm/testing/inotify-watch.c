/* inotify-watch DIR: prints "EVENT NAME" for each create / close-after-write in DIR, flushed at once.
 * Built static by vm/vm-engine.vm.test.ts to measure which file-change events reach a container
 * through a 9p shared folder (busybox-static has no inotifyd). */
#include <stdio.h>
#include <sys/inotify.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  int fd = inotify_init();
  if (fd < 0 || inotify_add_watch(fd, argv[1], IN_CREATE | IN_CLOSE_WRITE | IN_MODIFY) < 0) { perror("inotify"); return 1; }
  char buf[4096] __attribute__((aligned(8)));
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return 1;
    for (char *p = buf; p < buf + n;) {
      struct inotify_event *e = (struct inotify_event *)p;
      printf("%s %s\n", e->mask & IN_CREATE ? "create" : e->mask & IN_CLOSE_WRITE ? "close_write" : "modify", e->len ? e->name : "");
      fflush(stdout);
      p += sizeof *e + e->len;
    }
  }
}
