/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-install"

#include "config.h"

#include <glib/gstdio.h>

#include "test-cli-run.h"
#include "test-folder.h"
#include "test-tools.h"

/* `meson install` of the build directory into a folder of the test's own
 * (as DESTDIR), then what a person gets from it: the installed programs
 * run, and the desktop file, metainfo and schema are what the desktop's
 * tools accept. meson gives the build directory, the installation's
 * folders and the tools' paths in the environment. */

static char *destdir;

/* An installed folder or file, given as the build configured it
 * (/usr/local/share/…), within the DESTDIR. */
static char *
installed (const char *variable, const char *name)
{
  const char *folder = g_getenv (variable);

  g_assert_nonnull (folder);
  return g_build_filename (destdir, folder, name, NULL);
}

/* The path of the tool in @variable, or NULL (the test case ended:
 * skipped, failed in CI) when meson did not find it. */
static const char *
find_tool (const char *variable, const char *package)
{
  const char *path = g_getenv (variable);

  if (path == NULL || *path == '\0')
    {
      g_autofree char *what = g_strdup_printf ("%s is not installed", package);
      test_tools_missing (what);
      return NULL;
    }
  return path;
}

/* Runs @argv and fails the test, with what it said, unless it exits 0. */
static void
run_ok (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *line = g_strjoinv (" ", (char **) argv);
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s:\n%s%s", line, out, err);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s\n%s%s", line, error->message, out, err);
}

static void
install_into (const char *folder)
{
  const char *meson = g_getenv ("CSP_MESON");
  const char *build_dir = g_getenv ("CSP_BUILD_DIR");

  if (meson == NULL || *meson == '\0')
    test_tools_missing_for_all ("meson is not installed");
  g_assert_nonnull (build_dir);
  run_ok ((const char *const[]){ meson, "install", "-C", build_dir, "--no-rebuild", "--quiet",
                                 "--destdir", folder, NULL });
}

static void
test_cli_version (void)
{
  g_auto (TestCliRun) run = { 0 };

  test_cli_run (&run, destdir, NULL, (const char *const[]){ "--version", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "csp-engage-cli " PACKAGE_VERSION "\n");
}

/* The installed program makes a database and checks it, with no help
 * from the build directory. */
static void
test_cli_init_check (void)
{
  g_autofree char *folder = test_folder_new ("csp-test-install-cli");
  g_autofree char *home = g_build_filename (folder, "home", NULL);
  g_autofree char *data = g_build_filename (folder, "data", NULL);
  g_autofree char *database = g_build_filename (folder, "csp-engage.db", NULL);
  g_auto (GStrv) env = test_cli_environ_at_home (home, data);
  const char *const commands[] = { "init", "check" };

  g_assert_no_errno (g_mkdir (home, 0700));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (TestCliRun) run = { 0 };

      test_cli_run (&run, folder, env,
                    (const char *const[]){ "--database", database, commands[i], NULL });
      if (run.status != 0)
        g_error ("csp-engage-cli %s: exit status %d\n%s%s", commands[i], run.status, run.out,
                 run.err);
    }
  g_assert_true (g_file_test (database, G_FILE_TEST_IS_REGULAR));
  test_folder_remove (folder);
}

static void
test_gui_program (void)
{
  g_autofree char *gui = installed ("CSP_BINDIR", "csp-engage");

  g_assert_true (g_file_test (gui, G_FILE_TEST_IS_EXECUTABLE));
}

static void
test_desktop_file (void)
{
  const char *validate = find_tool ("DESKTOP_FILE_VALIDATE", "desktop-file-validate");
  g_autofree char *file = installed ("CSP_DATADIR", "applications/" APPLICATION_ID ".desktop");

  if (validate == NULL)
    return;
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  run_ok ((const char *const[]){ validate, file, NULL });
}

static void
test_metainfo (void)
{
  const char *appstreamcli = find_tool ("APPSTREAMCLI", "appstreamcli (appstream)");
  g_autofree char *file = installed ("CSP_DATADIR", "metainfo/" APPLICATION_ID ".metainfo.xml");

  if (appstreamcli == NULL)
    return;
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  run_ok ((const char *const[]){ appstreamcli, "validate", "--no-net", file, NULL });
}

static void
test_schema (void)
{
  const char *compile = find_tool ("GLIB_COMPILE_SCHEMAS", "glib-compile-schemas");
  g_autofree char *folder = installed ("CSP_DATADIR", "glib-2.0/schemas");
  g_autofree char *file = g_build_filename (folder, APPLICATION_ID ".gschema.xml", NULL);

  if (compile == NULL)
    return;
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  run_ok ((const char *const[]){ compile, "--strict", "--dry-run", folder, NULL });
}

/* The icon the desktop file names, in full colour and symbolic. */
static void
test_icons (void)
{
  const char *const icons[] = {
    "icons/hicolor/scalable/apps/" APPLICATION_ID ".svg",
    "icons/hicolor/symbolic/apps/" APPLICATION_ID "-symbolic.svg",
  };

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    {
      g_autofree char *file = installed ("CSP_DATADIR", icons[i]);

      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        g_error ("%s is not installed", icons[i]);
    }
}

/* A catalogue for every language po/LINGUAS lists. */
static void
test_translations (void)
{
  g_autofree char *linguas_path =
      g_build_filename (g_getenv ("CSP_SOURCE_DIR"), "po", "LINGUAS", NULL);
  g_autofree char *linguas = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (linguas_path, &linguas, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit_set (linguas, " \t\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *catalogue = NULL;

      if (*lines[i] == '\0' || *lines[i] == '#')
        continue;
      name = g_build_filename (lines[i], "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      catalogue = installed ("CSP_LOCALEDIR", name);
      if (!g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
        g_error ("no translation installed for %s: %s", lines[i], catalogue);
    }
}

int
main (int argc, char *argv[])
{
  g_autofree char *cli = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  destdir = test_folder_new ("csp-test-install");
  install_into (destdir);
  cli = installed ("CSP_BINDIR", "csp-engage-cli");
  g_setenv ("CSP_CLI", cli, TRUE);

  g_test_add_func ("/install/cli/version", test_cli_version);
  g_test_add_func ("/install/cli/init-check", test_cli_init_check);
  g_test_add_func ("/install/gui", test_gui_program);
  g_test_add_func ("/install/desktop-file", test_desktop_file);
  g_test_add_func ("/install/metainfo", test_metainfo);
  g_test_add_func ("/install/schema", test_schema);
  g_test_add_func ("/install/icons", test_icons);
  g_test_add_func ("/install/translations", test_translations);
  status = g_test_run ();

  test_folder_remove (destdir);
  g_free (destdir);
  return status;
}
