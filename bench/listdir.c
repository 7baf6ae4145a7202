/*
 * bench/listdir.c - the "List" workload with a client that costs next to nothing:
 * opendir/readdir/closedir of DIR in a loop for at least SECS seconds (and at least
 * 3 times), checking every pass sees EXPECTED entries besides "." and "..".
 * bench/run.sh compiles it when a C compiler is present; java.io.File.list() spends
 * ~1.6 ms of its own on 2000 names, which caps any file system at ~600 listings/s.
 *
 * usage: listdir DIR EXPECTED SECS   ->   RESULT ops=N secs=S
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: listdir DIR EXPECTED SECS\n");
        return 2;
    }
    long expected = atol(argv[2]);
    double secs = atof(argv[3]);
    long count = 0;
    double start = now(), elapsed;
    do {
        DIR *dir = opendir(argv[1]);
        if (dir == NULL) {
            perror(argv[1]);
            return 1;
        }
        long entries = 0;
        struct dirent *entry;
        while ((entry = readdir(dir)) != NULL) {
            if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) {
                entries++;
            }
        }
        closedir(dir);
        if (entries != expected) {
            fprintf(stderr, "list: %s has %ld entries, expected %ld\n", argv[1], entries, expected);
            return 1;
        }
        count++;
        elapsed = now() - start;
    } while (count < 3 || elapsed < secs);
    printf("RESULT ops=%ld secs=%.6f\n", count, elapsed);
    return 0;
}
