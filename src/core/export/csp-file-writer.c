/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-file-writer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "csp-file-writer.h"

/* How every file is written, so that a failure, a full disk or a kill
 * never costs the file that was there, and a link never leads the writing
 * elsewhere:
 *
 * - The target is looked at first (never followed): a symbolic link, a
 *   folder or a device is refused with a message, and the file a link
 *   points to is never opened.
 * - The new contents go to a temporary file in the target's folder, mode
 *   0600 while it is incomplete. Where the system allows, it has no name
 *   at all (O_TMPFILE), so a kill leaves nothing behind; elsewhere it is
 *   created with O_EXCL under a name of ours, ".csp-engage-PID-XXXXXX.tmp",
 *   hidden and never mistaken for output. Such a file whose program has
 *   died is removed the next time a file is written in that folder.
 * - Once complete it gets its mode, is flushed to the disk (fsync), given
 *   a name and renamed over the target in one step, and the folder is
 *   flushed too. Before that the target is as it was; after it, whole.
 * - Any failure removes the temporary file and names the target, never the
 *   temporary, with the reason in words ("the disk is full"). */

#define PREFIX ".csp-engage-"
#define SUFFIX ".tmp"
#define RANDOM_CHARS 6
/* Under this much free space, a write that failed without saying why is
 * put down to a full disk. */
#define NEARLY_FULL (1024 * 1024)

struct _CspFileWriter
{
  char *path;
  char *folder;
  char *temporary; /* its name in the folder, once it has one */
  char *proc_path; /* /proc/self/fd/N of a temporary without a name */
  int fd;
  mode_t mode;   /* what the finished file gets */
  GError *error; /* the first failure, which the commit reports */
  gboolean done;
};

/**
 * csp_file_writer_describe_errno:
 * @errno_value: why writing a file failed
 *
 * Returns: (transfer none): the reason in words, for a message that names
 *   the file
 */
const char *
csp_file_writer_describe_errno (int errno_value)
{
  switch (errno_value)
    {
    case ENOENT:
    case ENOTDIR:
      return _ ("its folder does not exist");
    case EACCES:
    case EPERM:
      return _ ("permission denied: choose a folder you can write to");
    case EROFS:
      return _ ("the disk is read-only");
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      return _ ("the disk is full");
    case EISDIR:
      return _ ("it is a folder");
    case EFBIG:
      return _ ("the file would be larger than the disk allows");
    default:
      return g_strerror (errno_value);
    }
}

static GFileError
error_code (int errno_value)
{
#ifdef EDQUOT
  if (errno_value == EDQUOT)
    return G_FILE_ERROR_NOSPC;
#endif
  return g_file_error_from_errno (errno_value);
}

static void
set_errno_error (GError **error, const char *path, int errno_value)
{
  g_set_error (error, G_FILE_ERROR, error_code (errno_value), _ ("Could not write “%s”: %s"), path,
               csp_file_writer_describe_errno (errno_value));
}

/* The first failure is kept: what follows from it says less. */
static void
remember (CspFileWriter *self, GError *error)
{
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
}

static gboolean
fail_errno (CspFileWriter *self, int errno_value, GError **error)
{
  GError *local_error = NULL;

  set_errno_error (&local_error, self->path, errno_value);
  remember (self, local_error);
  if (error != NULL)
    *error = g_error_copy (self->error);
  return FALSE;
}

/* Refuses what is at @path unless it is a regular file or nothing: the
 * file a link points to must never be written by mistake, and a device
 * (/dev/full, say) must never be replaced by a file. */
static gboolean
check_target (const char *path, struct stat *st, gboolean *exists, GError **error)
{
  *exists = FALSE;
  if (g_lstat (path, st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;
      set_errno_error (error, path, saved_errno);
      return FALSE;
    }
  if (S_ISLNK (st->st_mode))
    {
      g_autofree char *link = g_file_read_link (path, NULL);

      if (link != NULL)
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP,
                     _ ("Could not write “%s”: it is a symbolic link (to “%s”). So that the file "
                        "a link points to is never overwritten by mistake, CSP Engage does not "
                        "write through links: choose another name, or remove the link first"),
                     path, link);
      else
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP,
                     _ ("Could not write “%s”: it is a symbolic link. So that the file a link "
                        "points to is never overwritten by mistake, CSP Engage does not write "
                        "through links: choose another name, or remove the link first"),
                     path);
      return FALSE;
    }
  if (S_ISDIR (st->st_mode))
    {
      set_errno_error (error, path, EISDIR);
      return FALSE;
    }
  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _ ("Could not write “%s”: it is not a regular file but a device, pipe or "
                      "socket; choose a file name"),
                   path);
      return FALSE;
    }
  *exists = TRUE;
  return TRUE;
}

/* The umask, which cannot be read without changing it except here. */
static mode_t
get_umask (void)
{
  g_autofree char *status = NULL;
  const char *line;
  char *end = NULL;
  guint64 mask;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "\nUmask:")) != NULL)
    {
      mask = g_ascii_strtoull (line + strlen ("\nUmask:"), &end, 8);
      if (end != line + strlen ("\nUmask:") && mask <= 0777)
        return (mode_t) mask;
    }
  return 022;
}

/**
 * csp_file_writer_is_temporary_name:
 * @name: a file's name, without its folder
 *
 * Returns: whether @name is that of a temporary file of a #CspFileWriter
 *   (or a file SQLite keeps beside one), never a finished file
 */
gboolean
csp_file_writer_is_temporary_name (const char *name)
{
  const char *p;
  const char *const side[] = { "", "-journal", "-wal", "-shm" };

  g_return_val_if_fail (name != NULL, FALSE);

  if (!g_str_has_prefix (name, PREFIX))
    return FALSE;
  p = name + strlen (PREFIX);
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p++ != '-')
    return FALSE;
  for (guint i = 0; i < RANDOM_CHARS; i++, p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  if (!g_str_has_prefix (p, SUFFIX))
    return FALSE;
  p += strlen (SUFFIX);
  for (guint i = 0; i < G_N_ELEMENTS (side); i++)
    if (g_str_equal (p, side[i]))
      return TRUE;
  return FALSE;
}

/* Removes the temporary files that a killed program of ours left in
 * @folder: only our own names, only regular files of this user, only
 * where that program is no longer running. */
static void
remove_stale (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      guint64 pid;
      struct stat st;

      if (!csp_file_writer_is_temporary_name (name))
        continue;
      pid = g_ascii_strtoull (name + strlen (PREFIX), NULL, 10);
      if (pid == 0 || pid > G_MAXINT || (pid_t) pid == getpid () || kill ((pid_t) pid, 0) == 0 ||
          errno != ESRCH)
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid ())
        {
          g_debug ("Removing %s, left by a program that stopped", path);
          g_unlink (path);
        }
    }
}

static char *
random_name (const char *folder)
{
  static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char random[RANDOM_CHARS + 1];
  g_autofree char *name = NULL;

  for (guint i = 0; i < RANDOM_CHARS; i++)
    random[i] = chars[g_random_int_range (0, sizeof chars - 1)];
  random[RANDOM_CHARS] = '\0';
  name = g_strdup_printf (PREFIX "%d-%s" SUFFIX, (int) getpid (), random);
  return g_build_filename (folder, name, NULL);
}

/* An unnamed file in @folder, or -1 with errno set; EOPNOTSUPP where the
 * system or the file system cannot make one. */
static int
open_unnamed (const char *folder)
{
#ifdef O_TMPFILE
  int fd;

  /* Naming it later goes through /proc. */
  if (!g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR))
    {
      errno = EOPNOTSUPP;
      return -1;
    }
  fd = g_open (folder, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  /* Kernels and file systems without it fail in several ways. */
  if (fd < 0 && (errno == EISDIR || errno == EINVAL || errno == ENOTSUP))
    errno = EOPNOTSUPP;
  return fd;
#else
  errno = EOPNOTSUPP;
  return -1;
#endif
}

/**
 * csp_file_writer_new:
 * @path: the file to write; an existing one is replaced only by
 *   csp_file_writer_commit(), once the new contents are complete
 * @flags: what kind of file it is
 *
 * Starts writing @path: checks what is there (a symbolic link, a folder or
 * a device is refused), and makes the temporary file in its folder.
 *
 * Returns: (transfer full): the writer, or %NULL with a #GFileError that
 *   names @path
 */
CspFileWriter *
csp_file_writer_new (const char *path, CspFileWriterFlags flags, GError **error)
{
  g_autoptr (CspFileWriter) self = NULL;
  gboolean exists = FALSE;
  struct stat st;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_target (path, &st, &exists, error))
    return NULL;

  self = g_new0 (CspFileWriter, 1);
  self->fd = -1;
  self->path = g_strdup (path);
  self->folder = g_path_get_dirname (path);
  if (flags & CSP_FILE_WRITER_PRIVATE)
    self->mode = 0600;
  else if (exists)
    self->mode = st.st_mode & 0777;
  else
    self->mode = 0666 & ~get_umask ();

  remove_stale (self->folder);
  if (!(flags & CSP_FILE_WRITER_NAMED))
    {
      self->fd = open_unnamed (self->folder);
      if (self->fd >= 0)
        self->proc_path = g_strdup_printf ("/proc/self/fd/%d", self->fd);
      else if (errno != EOPNOTSUPP)
        {
          int saved_errno = errno;

          set_errno_error (error, path, saved_errno);
          self->done = TRUE;
          return NULL;
        }
    }
  if (self->fd < 0)
    {
      g_autofree char *name = g_strdup_printf (PREFIX "%d-XXXXXX" SUFFIX, (int) getpid ());

      self->temporary = g_build_filename (self->folder, name, NULL);
      self->fd = g_mkstemp_full (self->temporary, O_RDWR | O_CLOEXEC, 0600);
      if (self->fd < 0)
        {
          int saved_errno = errno;

          set_errno_error (error, path, saved_errno);
          g_clear_pointer (&self->temporary, g_free);
          self->done = TRUE;
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

/**
 * csp_file_writer_get_path:
 *
 * Returns: (transfer none): the file being written
 */
const char *
csp_file_writer_get_path (CspFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

/**
 * csp_file_writer_get_temporary_path:
 *
 * Where a library that writes files by name (libxlsxwriter, SQLite) is
 * to write the new contents: a name that opens the temporary file.
 *
 * Returns: (transfer none): the path
 */
const char *
csp_file_writer_get_temporary_path (CspFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->proc_path != NULL ? self->proc_path : self->temporary;
}

/**
 * csp_file_writer_get_fd:
 *
 * The temporary file, for code that writes it itself; a write that fails
 * must then be told with csp_file_writer_fail().
 *
 * Returns: the file descriptor, owned by @self
 */
int
csp_file_writer_get_fd (CspFileWriter *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->fd;
}

/**
 * csp_file_writer_write:
 *
 * Appends @data to the new contents. After a failure every later write
 * and the commit fail with the same error.
 *
 * Returns: whether all of it was written
 */
gboolean
csp_file_writer_write (CspFileWriter *self, const void *data, gsize size, GError **error)
{
  const char *bytes = data;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->done, FALSE);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  while (size > 0)
    {
      gssize n = write (self->fd, bytes, MIN (size, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return fail_errno (self, n < 0 ? errno : ENOSPC, error);
      bytes += n;
      size -= (gsize) n;
    }
  return TRUE;
}

static gboolean
is_nearly_full (int fd)
{
  struct statvfs st;
  guint64 free_blocks;

  if (fstatvfs (fd, &st) != 0)
    return FALSE;
  free_blocks = geteuid () == 0 ? st.f_bfree : st.f_bavail;
  return free_blocks * st.f_frsize < NEARLY_FULL;
}

/**
 * csp_file_writer_fail:
 * @reason: what the library that wrote the contents said
 *
 * Records that writing the new contents failed elsewhere (in a library),
 * so that the commit refuses, and sets @error: a message that names the
 * file, saying the disk is full when it is nearly so.
 */
void
csp_file_writer_fail (CspFileWriter *self, const char *reason, GError **error)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (reason != NULL);

  if (self->error == NULL)
    {
      if (is_nearly_full (self->fd))
        set_errno_error (&self->error, self->path, ENOSPC);
      else
        g_set_error (&self->error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                     _ ("Could not write “%s”: %s"), self->path, reason);
    }
  if (error != NULL)
    g_propagate_error (error, g_error_copy (self->error));
}

/* Gives the unnamed temporary file a name in the folder, the last step
 * before it replaces the target. */
static gboolean
link_name (CspFileWriter *self, GError **error)
{
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = random_name (self->folder);

      if (linkat (AT_FDCWD, self->proc_path, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0)
        {
          self->temporary = g_steal_pointer (&name);
          return TRUE;
        }
      if (errno != EEXIST)
        return fail_errno (self, errno, error);
    }
  return fail_errno (self, EEXIST, error);
}

static void
sync_folder (const char *folder)
{
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  fsync (fd);
  close (fd);
}

/**
 * csp_file_writer_commit:
 *
 * Puts the new contents in place of the target in one step, once they are
 * safely on the disk; or, after any failure, leaves the target as it was.
 * Either way the temporary file is gone and @self is finished.
 *
 * Returns: whether the file was written
 */
gboolean
csp_file_writer_commit (CspFileWriter *self, GError **error)
{
  gboolean exists = FALSE;
  struct stat st;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->done, FALSE);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      csp_file_writer_abort (self);
      return FALSE;
    }
  /* What is there may have changed meanwhile; a link made since would be
   * replaced rather than followed, but is refused all the same. */
  if (!check_target (self->path, &st, &exists, error))
    {
      csp_file_writer_abort (self);
      return FALSE;
    }
  if (fchmod (self->fd, self->mode) != 0 || fsync (self->fd) != 0)
    {
      fail_errno (self, errno, error);
      csp_file_writer_abort (self);
      return FALSE;
    }
  if (self->proc_path != NULL && !link_name (self, error))
    {
      csp_file_writer_abort (self);
      return FALSE;
    }
  if (g_rename (self->temporary, self->path) != 0)
    {
      fail_errno (self, errno, error);
      csp_file_writer_abort (self);
      return FALSE;
    }
  g_clear_pointer (&self->temporary, g_free);
  close (self->fd);
  self->fd = -1;
  self->done = TRUE;
  sync_folder (self->folder);
  return TRUE;
}

/**
 * csp_file_writer_abort:
 *
 * Throws the new contents away: the target stays as it was, and nothing is
 * left in its folder. Does nothing once @self is finished.
 */
void
csp_file_writer_abort (CspFileWriter *self)
{
  g_return_if_fail (self != NULL);

  if (self->done)
    return;
  self->done = TRUE;
  if (self->temporary != NULL)
    {
      const char *const side[] = { "-journal", "-wal", "-shm" };

      g_unlink (self->temporary);
      for (guint i = 0; i < G_N_ELEMENTS (side); i++)
        {
          g_autofree char *path = g_strconcat (self->temporary, side[i], NULL);
          g_unlink (path);
        }
      g_clear_pointer (&self->temporary, g_free);
    }
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
}

/**
 * csp_file_writer_free:
 *
 * Frees @self, throwing the new contents away unless committed.
 */
void
csp_file_writer_free (CspFileWriter *self)
{
  if (self == NULL)
    return;
  csp_file_writer_abort (self);
  g_clear_error (&self->error);
  g_free (self->path);
  g_free (self->folder);
  g_free (self->proc_path);
  g_free (self);
}

/**
 * csp_file_writer_set_contents:
 * @path: the file to write
 * @data: (array length=size): its new contents
 *
 * Writes @path whole through a #CspFileWriter.
 *
 * Returns: whether it was written; a #GFileError naming @path if not
 */
gboolean
csp_file_writer_set_contents (const char *path, const void *data, gsize size,
                              CspFileWriterFlags flags, GError **error)
{
  g_autoptr (CspFileWriter) writer = csp_file_writer_new (path, flags, error);

  return writer != NULL && csp_file_writer_write (writer, data, size, error) &&
         csp_file_writer_commit (writer, error);
}
