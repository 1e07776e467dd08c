/* test_writer.c - CSV quoting, atomic outputs, string maps. See LICENSE. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strmap.h"
#include "tap.h"
#include "writer.h"

static char *line_of(struct ind_line *l)
{
	static char buf[512];
	snprintf(buf, sizeof buf, "%.*s", (int)l->len, l->buf);
	return buf;
}

static char *read_all(const char *path)
{
	static char buf[512];
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	buf[n] = '\0';
	if (f)
		fclose(f);
	return f ? buf : NULL;
}

int main(void)
{
	struct ind_line l = { 0 };
	char dir[] = "/tmp/ind-test-writer.XXXXXX", path[512];
	struct ind_error err;
	ind_output *o;

	ind_line_str(&l, "plain");
	ind_line_str(&l, "a,b");
	ind_line_str(&l, "say \"hi\"");
	ind_line_str(&l, "two\nlines");
	ind_line_str(&l, " padded ");
	ind_line_str(&l, "");
	ind_line_double(&l, 0.1);
	ind_line_double(&l, NAN);
	ind_line_str(&l, "Ääkköset");
	OK_STR(line_of(&l), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded \",,0.1,,Ääkköset",
	       "fields quoted only when needed");
	ind_line_reset(&l);
	ind_line_str(&l, "x");
	OK_STR(line_of(&l), "x", "reset starts a new line");

	if (!mkdtemp(dir))
		return 99;
	snprintf(path, sizeof path, "%s/out.csv", dir);
	o = ind_output_open(path, &err);
	OK(o != NULL, "open atomic output");
	fputs("partial", ind_output_file(o));
	fflush(ind_output_file(o));
	OK(access(path, F_OK) != 0, "nothing at the path before commit");
	OK(ind_output_close(o, false, &err) == 1, "discard: 1, nothing reached the path");
	OK(access(path, F_OK) != 0, "nothing at the path after a discard");
	o = ind_output_open(path, &err);
	fputs("done\n", ind_output_file(o));
	OK(ind_output_close(o, true, &err) == 0, "commit");
	OK_STR(read_all(path), "done\n", "committed content in place");
	o = ind_output_open(path, &err);
	fputs("new\n", ind_output_file(o));
	ind_output_close(o, false, &err);
	OK_STR(read_all(path), "done\n", "a discarded rewrite keeps the old file");
	snprintf(path, sizeof path, "%s/no/such/dir.csv", dir);
	OK(ind_output_open(path, &err) == NULL && strstr(err.msg, "cannot create output") != NULL,
	   "unwritable directory is an error");
	o = ind_output_open("/dev/full", &err);
	OK(o != NULL, "devices are opened directly");
	if (o) {
		fputs("x\n", ind_output_file(o));
		OK(ind_output_close(o, true, &err) < 0 && strstr(err.msg, "No space left") != NULL,
		   "write error on /dev/full is reported");
		OK_STR(err.file, "/dev/full", "and names the file");
	}
	o = ind_output_open("/dev/full", &err);
	if (o) {	/* more than a buffer: the write fails before the close, whose discard still reports it */
		for (int i = 0; i < 20000; i++)
			fputs("0123456789\n", ind_output_file(o));
		OK(ind_output_close(o, false, &err) < 0 && strcmp(err.file, "/dev/full") == 0 &&
			   strcmp(err.msg, "write error: No space left on device") == 0,
		   "a write error met before a discard: '%s: %s'", err.file, err.msg);
	}
	{	/* the target's mode, through a symbolic link */
		char target[300], link[300];
		struct stat st;
		snprintf(target, sizeof target, "%s/target.csv", dir);
		snprintf(link, sizeof link, "%s/link.csv", dir);
		o = ind_output_open(target, &err);
		fputs("one\n", ind_output_file(o));
		ind_output_close(o, true, &err);
		chmod(target, 0600);
		OK(symlink("target.csv", link) == 0, "a link to it");
		o = ind_output_open(link, &err);
		OK(o && strcmp(ind_output_dir(o), dir) == 0, "the temporary file goes beside the link's target");
		fputs("two\n", ind_output_file(o));
		OK(ind_output_close(o, true, &err) == 0, "commit through the link");
		OK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "the link is still a link");
		OK(stat(target, &st) == 0 && (st.st_mode & 07777) == 0600, "the target kept its mode 0600");
		OK_STR(read_all(target), "two\n", "and has the new content");
	}
	snprintf(path, sizeof path, "%s/new\nline 'x'.csv", dir);
	o = ind_output_open(path, &err);
	if (o) {
		const char *n = ind_output_temp_name(o);
		OK(n && strncmp(n, "new_line__x_.csv.tmp", 20) == 0 && strlen(n) == 26 &&
			   strspn(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == 26,
		   "the temporary name is made of [A-Za-z0-9._-] only: %s", n ? n : "(null)");
		fputs("x\n", ind_output_file(o));
		OK(ind_output_close(o, true, &err) == 0 && read_all(path) && strcmp(read_all(path), "x\n") == 0,
		   "a line break in the name");
	}
	{	/* directories published by a link */
		char rep[200], slash[210], link_target[64];
		ind_dir_output *d;
		ssize_t n;
		struct stat st;
		snprintf(rep, sizeof rep, "%s/a/b/rep", dir);
		snprintf(slash, sizeof slash, "%s/", rep);
		d = ind_dir_output_open(slash, &err);
		OK(d != NULL, "open a directory output (a trailing slash, missing parents)");
		if (d) {
			snprintf(path, sizeof path, "%s/index.html", ind_dir_output_path(d));
			fclose(fopen(path, "w"));
			OK(ind_dir_output_close(d, false, &err) == 0, "discard");
			snprintf(path, sizeof path, "%s/a", dir);
			OK(access(path, F_OK) != 0, "a discard removes the parents it made");
		}
		for (int run = 0; run < 2; run++) {
			FILE *f;
			d = ind_dir_output_open(rep, &err);
			if (!d)
				break;
			snprintf(path, sizeof path, "%s/index.html", ind_dir_output_path(d));
			f = fopen(path, "w");
			fprintf(f, "run %d\n", run);
			fclose(f);
			OK(ind_dir_output_close(d, true, &err) == 0, "publish, run %d", run);
		}
		n = readlink(rep, link_target, sizeof link_target - 1);
		link_target[n > 0 ? n : 0] = '\0';
		OK(n == 12 && strncmp(link_target, "rep.v-", 6) == 0, "DIR is a link to DIR.v-XXXXXX: %s", link_target);
		snprintf(path, sizeof path, "%s/index.html", rep);
		OK_STR(read_all(path), "run 1\n", "the second run's file is read through it");
		{
			int versions = 0;
			char cmd[400];
			FILE *ls;
			snprintf(cmd, sizeof cmd, "ls -A %s/a/b", dir);
			ls = popen(cmd, "r");
			while (ls && fgets(path, sizeof path, ls))
				versions++;
			if (ls)
				pclose(ls);
			OK(versions == 2, "the first version was removed: only the link and one version (%d entries)", versions);
		}
		snprintf(path, sizeof path, "%s/a/b/other", dir);
		mkdir(path, 0777);
		snprintf(path, sizeof path, "%s/a/b/other/notes.txt", dir);
		fclose(fopen(path, "w"));
		snprintf(path, sizeof path, "%s/a/b/other", dir);
		OK(ind_dir_output_open(path, &err) == NULL && strstr(err.msg, "not a report directory (it holds 'notes.txt')"),
		   "a directory with other files is refused: %s", err.msg);
		OK(stat(path, &st) == 0 && S_ISDIR(st.st_mode), "and left as it was");
	}
	{
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			return 99;
	}
	ind_line_free(&l);

	{
		ind_strmap *m = ind_strmap_new();
		char key[32];
		int bad = 0;
		for (int i = 0; i < 5000; i++) {
			snprintf(key, sizeof key, "k%d", i);
			snprintf(path, sizeof path, "v%d", i * 7);
			ind_strmap_put(m, key, strlen(key), path);
		}
		for (int i = 0; i < 5000; i++) {
			const char *v;
			snprintf(key, sizeof key, "k%d", i);
			snprintf(path, sizeof path, "v%d", i * 7);
			v = ind_strmap_get(m, key, strlen(key));
			bad += !v || strcmp(v, path) != 0;
		}
		OK(bad == 0 && ind_strmap_size(m) == 5000, "5000 keys survive rehashing");
		OK(ind_strmap_get(m, "k5000", 5) == NULL, "absent key");
		ind_strmap_put(m, "k1", 2, "again");
		OK_STR(ind_strmap_get(m, "k1", 2), "again", "put replaces");
		OK(ind_strmap_add_list(m, "a,,b") && ind_strmap_get(m, "a", 1) && ind_strmap_get(m, "b", 1) &&
			   !ind_strmap_get(m, "", 0),
		   "comma lists skip empty items");
		ind_strmap_free(m);
	}
	{
		/* held-back rows and messages, replayed in order */
		FILE *held = tmpfile(), *out = tmpfile();
		struct ind_line ln = { 0 };
		char got[64] = "";
		size_t n;
		if (!held || !out)
			return 99;
		fputs("a,\"b c\"\nd\n", held);
		OK(ind_line_replay(held, out, &ln) == NULL, "replay the held rows");
		rewind(out);
		n = fread(got, 1, sizeof got - 1, out);
		got[n] = '\0';
		OK_STR(got, "a,\"b c\"\nd\n", "each line as it was, with its LF");
		fputs("e", held);	/* the file is at its end: a second replay starts over */
		rewind(out);
		OK(ind_line_replay(held, out, NULL) == NULL, "replay bytes as they are");
		rewind(out);
		n = fread(got, 1, sizeof got - 1, out);
		got[n] = '\0';
		OK_STR(got, "a,\"b c\"\nd\ne", "the bytes, a last line without LF too");
		{
			/* rows whose write error is told later: the replay stops at it instead of exiting */
			FILE *full = fopen("/dev/full", "w");
			bool write_failed = false;
			rewind(out);
			OK(ind_line_replay_rows(held, out, &ln, &write_failed) == NULL && !write_failed,
			   "replay rows that can be written");
			rewind(out);
			n = fread(got, 1, sizeof got - 1, out);
			got[n] = '\0';
			OK_STR(got, "a,\"b c\"\nd\ne\n", "each line with its LF");
			if (full) {
				setvbuf(full, NULL, _IONBF, 0);
				OK(ind_line_replay_rows(held, full, &ln, &write_failed) == NULL && write_failed,
				   "a full disk: the replay ends, the failure told");
				fclose(full);
			}
		}
		ind_line_free(&ln);
		fclose(held);
		fclose(out);
	}
	return tap_done();
}
