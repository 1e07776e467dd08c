/*
 * fake-http - a small HTTP/1.1 server on 127.0.0.1 for the ind-fetch tests: recorded answers, no network.
 *
 * Usage: fake-http ROUTES PORTFILE LOG
 *
 * Listens on an ephemeral port of 127.0.0.1 and writes the port number to PORTFILE (atomically)
 * once it accepts connections. Each line of ROUTES is
 *     METHOD TARGET BODY ANSWER [ANSWER]...
 * (blank-separated; '#' starts a comment line). A request matches a line by its method, its
 * target (path and query, exactly) and its body: the contents of the file BODY (a final newline
 * dropped), or '-' for any body. The n-th request matching a line gets its n-th ANSWER, the last
 * one again after that. An ANSWER is a file holding the status line, the header lines, an empty
 * line and the body, sent as it is except that header lines end in CRLF and a Content-Length is
 * added when the file has none (one that is too long makes a truncated answer); or
 * "sleep:SECONDS", which answers nothing for that long, or until the client hangs up. A request
 * that matches no line gets 404. Files are named relative to the directory of ROUTES. Every
 * request is appended to LOG as one line: METHOD TARGET ua=USER-AGENT, then the body if any. One connection
 * at a time, each closed after its answer; the server exits after 300 s in any case.
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_ROUTES 64
#define MAX_ANSWERS 8
#define MAX_HEAD 65536
#define MAX_BODY (1 << 20)

struct route {
	char method[16], target[1024], body[512];
	char answer[MAX_ANSWERS][512];
	int nanswers, hits;
};

static struct route routes[MAX_ROUTES];
static int nroutes;
static char dir[1024];

static void die(const char *what)
{
	fprintf(stderr, "fake-http: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* A whole file, NUL-terminated; NULL when it cannot be read. */
static char *slurp(const char *name, size_t *len)
{
	char path[2048];
	FILE *fp;
	char *buf = NULL;
	size_t cap = 0, n = 0;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(fp = fopen(path, "rb")))
		return NULL;
	for (;;) {
		if (n + 4097 > cap) {
			char *p = realloc(buf, cap = cap * 2 + 8192);
			if (!p) {
				free(buf);
				fclose(fp);
				return NULL;
			}
			buf = p;
		}
		size_t r = fread(buf + n, 1, 4096, fp);
		n += r;
		if (r == 0)
			break;
	}
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void read_routes(const char *path)
{
	FILE *fp = fopen(path, "r");
	char line[4096];
	if (!fp)
		die(path);
	while (fgets(line, sizeof line, fp)) {
		struct route *r = &routes[nroutes];
		char *save, *w;
		int k = 0;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (nroutes == MAX_ROUTES) {
			fprintf(stderr, "fake-http: more than %d routes\n", MAX_ROUTES);
			exit(1);
		}
		for (w = strtok_r(line, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save), k++) {
			if (k == 0)
				snprintf(r->method, sizeof r->method, "%s", w);
			else if (k == 1)
				snprintf(r->target, sizeof r->target, "%s", w);
			else if (k == 2)
				snprintf(r->body, sizeof r->body, "%s", w);
			else if (r->nanswers < MAX_ANSWERS)
				snprintf(r->answer[r->nanswers++], sizeof r->answer[0], "%s", w);
		}
		if (k < 4) {
			fprintf(stderr, "fake-http: %s: a line needs METHOD TARGET BODY ANSWER\n", path);
			exit(1);
		}
		nroutes++;
	}
	fclose(fp);
}

static int send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void send_text(int fd, const char *status, const char *body)
{
	char head[256];
	snprintf(head, sizeof head, "HTTP/1.1 %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n", status, strlen(body));
	send_all(fd, head, strlen(head));
	send_all(fd, body, strlen(body));
}

/* An answer file: its head with CRLF line ends (and a Content-Length when it has none), then its body. */
static void send_answer(int fd, const char *name)
{
	size_t len;
	char *f = slurp(name, &len), *sep, *line, *save;
	char *out;
	size_t n = 0, body_len;
	const char *body;
	int has_length = 0;
	if (!f) {
		send_text(fd, "500 Internal Server Error", "fake-http: no such answer file\n");
		return;
	}
	if ((sep = strstr(f, "\n\n"))) {
		*sep = '\0';
		body = sep + 2;
	} else {
		body = f + len;
	}
	body_len = len - (size_t)(body - f);
	if (!(out = malloc(strlen(f) * 2 + 128))) {
		free(f);
		return;
	}
	for (line = strtok_r(f, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t l = strlen(line);
		if (l && line[l - 1] == '\r')
			line[--l] = '\0';
		has_length |= strncasecmp(line, "Content-Length:", 15) == 0;
		memcpy(out + n, line, l);
		n += l;
		out[n++] = '\r';
		out[n++] = '\n';
	}
	if (!has_length)
		n += (size_t)sprintf(out + n, "Content-Length: %zu\r\n", body_len);
	n += (size_t)sprintf(out + n, "Connection: close\r\n\r\n");
	if (send_all(fd, out, n) == 0)
		send_all(fd, body, body_len);
	free(out);
	free(f);
}

/* sleep:SECONDS: say nothing until then, or until the client has gone */
static void stall(int fd, double seconds)
{
	struct pollfd p = { fd, POLLIN, 0 };
	struct timespec t0, t;
	char c[512];
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		double left;
		clock_gettime(CLOCK_MONOTONIC, &t);
		left = seconds - ((double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9);
		if (left <= 0)
			return;
		if (poll(&p, 1, (int)(left * 1000) + 1) > 0 && read(fd, c, sizeof c) <= 0)
			return;
	}
}

/* the empty line that ends a request head */
static char *find_blank(char *p, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++)
		if (memcmp(p + i, "\r\n\r\n", 4) == 0)
			return p + i;
	return NULL;
}

static void serve(int fd, FILE *log)
{
	char *head = malloc(MAX_HEAD + 1), *body = NULL, *end, method[16], target[1024], ua[256] = "";
	size_t n = 0, body_len = 0, want = 0;
	struct route *r = NULL;
	if (!head)
		return;
	while (!(end = find_blank(head, n))) {
		ssize_t got;
		if (n == MAX_HEAD)
			goto out;
		got = read(fd, head + n, MAX_HEAD - n);
		if (got <= 0)
			goto out;
		n += (size_t)got;
	}
	head[n] = '\0';
	if (sscanf(head, "%15s %1023s", method, target) != 2)
		goto out;
	for (char *h = strstr(head, "\r\n"); h && h < end; h = strstr(h + 2, "\r\n")) {
		if (strncasecmp(h + 2, "Content-Length:", 15) == 0)
			want = strtoul(h + 17, NULL, 10);
		if (strncasecmp(h + 2, "User-Agent:", 11) == 0)
			sscanf(h + 13, " %255[^\r]", ua);
	}
	if (want > MAX_BODY)
		goto out;
	if (!(body = malloc(want + 1)))
		goto out;
	body_len = n - (size_t)(end + 4 - head);
	if (body_len > want)
		body_len = want;
	memcpy(body, end + 4, body_len);
	while (body_len < want) {
		ssize_t got = read(fd, body + body_len, want - body_len);
		if (got <= 0)
			goto out;
		body_len += (size_t)got;
	}
	body[body_len] = '\0';
	fprintf(log, "%s %s ua=%s%s%s\n", method, target, ua, body_len ? " " : "", body);
	fflush(log);
	for (int i = 0; i < nroutes && !r; i++) {
		if (strcmp(routes[i].method, method) != 0 || strcmp(routes[i].target, target) != 0)
			continue;
		if (strcmp(routes[i].body, "-") != 0) {
			size_t bl;
			char *b = slurp(routes[i].body, &bl);
			int same;
			if (!b)
				continue;
			if (bl && b[bl - 1] == '\n')
				b[--bl] = '\0';
			same = bl == body_len && memcmp(b, body, bl) == 0;
			free(b);
			if (!same)
				continue;
		}
		r = &routes[i];
	}
	if (!r) {
		send_text(fd, "404 Not Found", "fake-http: no route\n");
	} else {
		const char *a = r->answer[r->hits < r->nanswers ? r->hits : r->nanswers - 1];
		r->hits++;
		if (strncmp(a, "sleep:", 6) == 0)
			stall(fd, atof(a + 6));
		else
			send_answer(fd, a);
	}
out:
	free(head);
	free(body);
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr;
	socklen_t alen = sizeof addr;
	int s, one = 1;
	FILE *pf, *log;
	char tmp[2048];
	const char *slash;

	if (argc != 4) {
		fprintf(stderr, "usage: fake-http ROUTES PORTFILE LOG\n");
		return 2;
	}
	slash = strrchr(argv[1], '/');
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - argv[1]) : 1, slash ? argv[1] : ".");
	read_routes(argv[1]);
	signal(SIGPIPE, SIG_IGN);
	alarm(300);
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		die("socket");
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = 0;
	if (bind(s, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(s, 16) < 0 ||
	    getsockname(s, (struct sockaddr *)&addr, &alen) < 0)
		die("bind");
	if (!(log = fopen(argv[3], "a")))
		die(argv[3]);
	snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
	if (!(pf = fopen(tmp, "w")) || fprintf(pf, "%d\n", ntohs(addr.sin_port)) < 0 || fclose(pf) != 0 ||
	    rename(tmp, argv[2]) < 0)
		die(argv[2]);
	for (;;) {
		int c = accept(s, NULL, NULL);
		if (c < 0) {
			if (errno == EINTR)
				continue;
			die("accept");
		}
		serve(c, log);
		shutdown(c, SHUT_WR);
		close(c);
	}
}
