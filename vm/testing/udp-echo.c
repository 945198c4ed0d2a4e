/* udp-echo PORT: answers every UDP datagram on PORT with "echo: " and the datagram. Built static by
 * vm/vm-engine.vm.test.ts to check UDP forwarding (busybox-static's nc has no UDP). */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1])), .sin_addr.s_addr = htonl(INADDR_ANY)};
  if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) return 1;
  char in[2048], out[2100];
  for (;;) {
    struct sockaddr_in from;
    socklen_t len = sizeof from;
    ssize_t n = recvfrom(fd, in, sizeof in, 0, (struct sockaddr *)&from, &len);
    if (n < 0) continue;
    memcpy(out, "echo: ", 6);
    memcpy(out + 6, in, n);
    sendto(fd, out, n + 6, 0, (struct sockaddr *)&from, len);
  }
}
