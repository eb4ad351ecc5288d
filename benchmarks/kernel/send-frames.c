// send-frames IFACE COUNT HEX: sends COUNT copies of one Ethernet frame out of IFACE through an
// AF_PACKET socket, 64 per sendmmsg call, and prints "SENT SECONDS". On a veth the peer receives
// each frame in the sender's own softirq, so the time includes the receiving namespace's netfilter.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { BATCH = 64, MAX_FRAME = 2048 };

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: send-frames IFACE COUNT HEX\n");
        return 2;
    }
    long count = atol(argv[2]);
    size_t length = strlen(argv[3]) / 2;
    if (length > MAX_FRAME) {
        fprintf(stderr, "send-frames: frame longer than %d bytes\n", MAX_FRAME);
        return 2;
    }
    unsigned char frame[MAX_FRAME];
    for (size_t i = 0; i < length; i++) {
        sscanf(argv[3] + 2 * i, "%2hhx", &frame[i]);
    }
    int s = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    if (s < 0) {
        perror("send-frames: socket");
        return 1;
    }
    struct sockaddr_ll to = {0};
    to.sll_family = AF_PACKET;
    to.sll_ifindex = if_nametoindex(argv[1]);
    to.sll_halen = 6;
    memcpy(to.sll_addr, frame, 6);
    struct mmsghdr messages[BATCH];
    struct iovec parts[BATCH];
    memset(messages, 0, sizeof messages);
    for (int i = 0; i < BATCH; i++) {
        parts[i].iov_base = frame;
        parts[i].iov_len = length;
        messages[i].msg_hdr.msg_iov = &parts[i];
        messages[i].msg_hdr.msg_iovlen = 1;
        messages[i].msg_hdr.msg_name = &to;
        messages[i].msg_hdr.msg_namelen = sizeof to;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long sent = 0;
    while (sent < count) {
        long left = count - sent;
        int k = sendmmsg(s, messages, left < BATCH ? (int) left : BATCH, 0);
        if (k <= 0) {
            usleep(50);
            continue;
        }
        sent += k;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%ld %.6f\n", sent, (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    return 0;
}
