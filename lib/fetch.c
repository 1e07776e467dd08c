/* fetch.c - HTTP through libcurl into a cache directory of whole answers. See LICENSE. */
#include "fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef IND_VERSION
#define IND_VERSION "0"
#endif

struct ind_fetch {
	struct ind_fetch_opts o;
	CURL *curl;
	long sent, cached;
	bool has_last;
	struct timespec last;	/* when the last request started */
};

void ind_fetch_opts_init(struct ind_fetch_opts *o)
{
	memset(o, 0, sizeof *o);
	o->timeout = 60;
	o->retries = 2;
	o->retry_delay = 1;
	o->interval = 0;
	o->max_bytes = IND_FETCH_MAX_BYTES;
}

int ind_fetch_global_init(struct ind_error *err)
{
	CURLcode c = curl_global_init(CURL_GLOBAL_DEFAULT);
	if (c != CURLE_OK)
		return ind_error_set(err, "", 0, "libcurl: %s", curl_easy_strerror(c));
	return 0;
}

void ind_fetch_global_cleanup(void) { curl_global_cleanup(); }

ind_fetch *ind_fetch_new(const struct ind_fetch_opts *o, struct ind_error *err)
{
	ind_fetch *f = calloc(1, sizeof *f);
	if (!f)
		return ind_error_set(err, "", 0, "out of memory"), NULL;
	f->o = *o;
	if (!f->o.max_bytes)
		f->o.max_bytes = IND_FETCH_MAX_BYTES;
	if (!o->offline && !(f->curl = curl_easy_init())) {
		free(f);
		return ind_error_set(err, "", 0, "libcurl: cannot make a handle"), NULL;
	}
	return f;
}

void ind_fetch_free(ind_fetch *f)
{
	if (!f)
		return;
	if (f->curl)
		curl_easy_cleanup(f->curl);
	free(f);
}

long ind_fetch_sent(const ind_fetch *f) { return f->sent; }
long ind_fetch_cached(const ind_fetch *f) { return f->cached; }

/* ---- the cache ---- */

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* DIR/HASH.EXT, the hash (128 bits: two FNV-1a over different seeds) of the method, the URL and the body. */
static char *cache_path(const char *dir, const char *url, const char *body, const char *ext)
{
	uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
	const char *method = body ? "POST " : "GET ";
	size_t n = strlen(dir) + 1 + 32 + 1 + strlen(ext) + 1;
	char *p = malloc(n);
	if (!p)
		return NULL;
	h1 = fnv1a(h1, method, strlen(method));
	h2 = fnv1a(h2, method, strlen(method));
	h1 = fnv1a(h1, url, strlen(url) + 1);	/* with the NUL: no URL and body run into each other */
	h2 = fnv1a(h2, url, strlen(url) + 1);
	if (body) {
		h1 = fnv1a(h1, body, strlen(body));
		h2 = fnv1a(h2, body, strlen(body));
	}
	snprintf(p, n, "%s/%016llx%016llx.%s", dir, (unsigned long long)h1, (unsigned long long)h2, ext);
	return p;
}

/* mkdir -p */
static int make_dir(const char *dir, struct ind_error *err)
{
	char *p = strdup(dir);
	struct stat st;
	if (!p)
		return ind_error_set(err, dir, 0, "out of memory");
	for (char *s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0777) < 0 && errno != EEXIST) {
				ind_error_set(err, p, 0, "cannot make the cache directory: %s", strerror(errno));
				free(p);
				return -1;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return ind_error_set(err, dir, 0, "the cache is not a directory");
	return 0;
}

static int write_entry(const char *path, const char *buf, size_t len, struct ind_error *err)
{
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	int fd;
	FILE *fp;
	bool ok;
	if (!tmp)
		return ind_error_set(err, path, 0, "out of memory");
	snprintf(tmp, n, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		ind_error_set(err, path, 0, "cannot write the cache entry: %s", strerror(errno));
		free(tmp);
		return -1;
	}
	fchmod(fd, 0644);
	if (!(fp = fdopen(fd, "wb"))) {
		close(fd);
		ok = false;
	} else {
		ok = fwrite(buf, 1, len, fp) == len;
		ok &= fflush(fp) == 0 && fsync(fileno(fp)) == 0;
		ok &= fclose(fp) == 0;
	}
	if (!ok || rename(tmp, path) < 0) {
		ind_error_set(err, path, 0, "cannot write the cache entry: %s", strerror(errno ? errno : EIO));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

static int read_entry(const char *path, const char *url, size_t max, char **buf, size_t *len, struct ind_error *err)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	char *p;
	size_t got = 0;
	if (fd < 0) {
		if (errno == ENOENT)
			return ind_error_set(err, url, 0, "not in the cache (%s) and --offline given", path);
		return ind_error_set(err, path, 0, "cannot read the cache entry: %s", strerror(errno));
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 0 || (uintmax_t)st.st_size > max) {
		close(fd);
		return ind_error_set(err, path, 0, "the cache entry is not a regular file of at most %zu bytes", max);
	}
	if (!(p = malloc((size_t)st.st_size + 1))) {
		close(fd);
		return ind_error_set(err, path, 0, "out of memory");
	}
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, p + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			ind_error_set(err, path, 0, "cannot read the cache entry: %s", r < 0 ? strerror(errno) : "it shrank");
			free(p);
			close(fd);
			return -1;
		}
		got += (size_t)r;
	}
	close(fd);
	p[got] = '\0';
	*buf = p;
	*len = got;
	return 0;
}

/* ---- HTTP ---- */

struct answer {
	char *buf;
	size_t len, cap, max;
	bool too_big;
	double retry_after;	/* seconds; < 0: none given */
};

static size_t on_body(char *data, size_t size, size_t nmemb, void *ctx)
{
	struct answer *a = ctx;
	size_t n = size * nmemb;
	if (n > a->max - a->len) {
		a->too_big = true;
		return 0;	/* libcurl stops with CURLE_WRITE_ERROR */
	}
	if (a->len + n + 1 > a->cap) {
		size_t cap = a->cap ? a->cap : 65536;
		char *p;
		while (cap < a->len + n + 1)
			cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
		if (!(p = realloc(a->buf, cap)))
			return 0;
		a->buf = p;
		a->cap = cap;
	}
	memcpy(a->buf + a->len, data, n);
	a->len += n;
	a->buf[a->len] = '\0';
	return n;
}

/* Retry-After: delta-seconds or an HTTP date; a new status line (a redirect) forgets it. */
static size_t on_header(char *data, size_t size, size_t nmemb, void *ctx)
{
	struct answer *a = ctx;
	size_t n = size * nmemb;
	static const char key[] = "retry-after:";
	if (n >= 5 && memcmp(data, "HTTP/", 5) == 0)
		a->retry_after = -1;
	if (n > sizeof key - 1 && n < 256 && strncasecmp(data, key, sizeof key - 1) == 0) {
		char v[256];
		size_t i = sizeof key - 1, k = 0;
		while (i < n && (data[i] == ' ' || data[i] == '\t'))
			i++;
		while (i < n && data[i] != '\r' && data[i] != '\n')
			v[k++] = data[i++];
		v[k] = '\0';
		if (k > 0 && strspn(v, "0123456789") == k) {
			a->retry_after = k > 9 ? 1e9 : (double)atol(v);
		} else if (k > 0) {
			time_t t = curl_getdate(v, NULL);
			if (t != (time_t)-1) {
				double d = difftime(t, time(NULL));
				a->retry_after = d > 0 ? d : 0;
			}
		}
	}
	return n;
}

static void sleep_for(double s)
{
	struct timespec ts;
	if (s <= 0)
		return;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static void pace(ind_fetch *f)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (f->has_last && f->o.interval > 0) {
		double since = (double)(now.tv_sec - f->last.tv_sec) + (double)(now.tv_nsec - f->last.tv_nsec) / 1e9;
		if (since < f->o.interval) {
			sleep_for(f->o.interval - since);
			clock_gettime(CLOCK_MONOTONIC, &now);
		}
	}
	f->last = now;
	f->has_last = true;
}

static bool transient(CURLcode c)
{
	switch (c) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
		return true;
	default:
		return false;
	}
}

/* One request with its retries; on success a holds the answer. */
static int request(ind_fetch *f, const char *url, const char *body, struct answer *a, struct ind_error *err)
{
	CURL *c = f->curl;
	struct curl_slist *hdr = NULL;
	char errbuf[CURL_ERROR_SIZE];
	int attempts = 0, max_attempts = f->o.retries + 1;
	double delay = f->o.retry_delay;
	long timeout_ms = f->o.timeout * 1000 > (double)LONG_MAX ? LONG_MAX : (long)(f->o.timeout * 1000);

	if (body) {	/* JSON, and no 100-continue round trip */
		struct curl_slist *h2 = NULL;
		if ((hdr = curl_slist_append(NULL, "Content-Type: application/json")))
			h2 = curl_slist_append(hdr, "Expect:");
		if (!h2) {
			curl_slist_free_all(hdr);
			return ind_error_set(err, url, 0, "out of memory");
		}
		hdr = h2;
	}
	for (;;) {
		CURLcode rc;
		long status = 0;
		char why[CURL_ERROR_SIZE + 64];
		bool retry;
		double wait;

		curl_easy_reset(c);
		errbuf[0] = '\0';
		a->len = 0;
		a->too_big = false;
		a->retry_after = -1;
		curl_easy_setopt(c, CURLOPT_URL, url);
		curl_easy_setopt(c, CURLOPT_USERAGENT, "ind-fetch/" IND_VERSION);
		curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
		curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
		curl_easy_setopt(c, CURLOPT_HEADERDATA, a);
		curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
		curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
		curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
		curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
		curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)(a->max > INT64_MAX ? INT64_MAX : a->max));
#if LIBCURL_VERSION_NUM >= 0x075500
		curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
		curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
		curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
		if (body) {
			curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
			curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
			curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
		}
		pace(f);
		attempts++;
		f->sent++;
		rc = curl_easy_perform(c);
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		if (rc == CURLE_OK && status >= 200 && status < 300)
			break;
		if (a->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
			ind_error_set(err, url, 0, "the answer is larger than %zu bytes (--max-size)", a->max);
			goto fail;
		}
		if (rc != CURLE_OK) {
			snprintf(why, sizeof why, "%s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
			retry = transient(rc);
		} else {
			snprintf(why, sizeof why, "HTTP %ld", status);
			retry = status == 429 || status == 408 || (status >= 500 && status <= 599);
		}
		if (!retry) {
			ind_error_set(err, url, 0, "%s", why);
			goto fail;
		}
		if (attempts >= max_attempts) {
			ind_error_set(err, url, 0, "%s after %d attempt%s", why, attempts, attempts == 1 ? "" : "s");
			goto fail;
		}
		wait = delay;
		if (a->retry_after > wait)
			wait = a->retry_after;
		if (wait > IND_FETCH_MAX_WAIT) {
			ind_error_set(err, url, 0, "%s, and the server asks to wait %.0f s (more than %.0f)", why, wait,
				      IND_FETCH_MAX_WAIT);
			goto fail;
		}
		if (f->o.note)
			f->o.note(url, why, wait);
		sleep_for(wait);
		delay = delay * 2 > IND_FETCH_MAX_WAIT ? IND_FETCH_MAX_WAIT : delay * 2;
	}
	curl_slist_free_all(hdr);
	return 0;
fail:
	curl_slist_free_all(hdr);
	return -1;
}

int ind_fetch_get(ind_fetch *f, const char *url, const char *body, const char *ext, char **path, char **buf,
		  size_t *len, struct ind_error *err)
{
	char *p = cache_path(f->o.cache_dir, url, body, ext);
	struct answer a = { NULL, 0, 0, f->o.max_bytes, false, -1 };
	if (!p)
		return ind_error_set(err, url, 0, "out of memory");
	if (f->o.offline) {
		char *b = NULL;
		size_t n = 0;
		if (read_entry(p, url, f->o.max_bytes, &b, &n, err) < 0) {
			free(p);
			return -1;
		}
		f->cached++;
		*path = p;
		if (buf)
			*buf = b, *len = n;
		else
			free(b);
		return 0;
	}
	if (make_dir(f->o.cache_dir, err) < 0 || request(f, url, body, &a, err) < 0 ||
	    write_entry(p, a.buf ? a.buf : "", a.len, err) < 0) {
		free(a.buf);
		free(p);
		return -1;
	}
	*path = p;
	if (buf) {
		if (!a.buf && !(a.buf = calloc(1, 1))) {
			free(p);
			return ind_error_set(err, url, 0, "out of memory");
		}
		*buf = a.buf, *len = a.len;
	} else {
		free(a.buf);
	}
	return 0;
}
