/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-import-private.h"

/* Threads */

typedef struct
{
  CspImportFlags flags;
  CspImportProgressFunc progress;
  gpointer user_data;
} JobData;

static void
check_thread_cb (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  JobData *data = task_data;
  GError *error = NULL;

  if (csp_import_check (source, data->progress, data->user_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
write_thread_cb (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  JobData *data = task_data;
  GError *error = NULL;

  if (csp_import_write (source, data->flags, data->progress, data->user_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_in_thread (CspImport *self, GTaskThreadFunc func, gpointer tag, CspImportFlags flags,
               CspImportProgressFunc progress, gpointer user_data, GCancellable *cancellable,
               GAsyncReadyCallback callback, gpointer callback_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, callback_data);
  JobData *data = g_new0 (JobData, 1);

  data->flags = flags;
  data->progress = progress;
  data->user_data = user_data;
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, func);
}

/**
 * csp_import_check_async:
 * @progress: (nullable): called in the worker thread; forward it to the
 *   main loop (g_main_context_invoke()) to show it
 *
 * Runs csp_import_check() in a thread. Neither the import nor its
 * database may be used meanwhile.
 */
void
csp_import_check_async (CspImport *self, CspImportProgressFunc progress, gpointer user_data,
                        GCancellable *cancellable, GAsyncReadyCallback callback,
                        gpointer callback_data)
{
  g_return_if_fail (CSP_IS_IMPORT (self));
  run_in_thread (self, check_thread_cb, csp_import_check_async, CSP_IMPORT_FLAGS_NONE, progress,
                 user_data, cancellable, callback, callback_data);
}

gboolean
csp_import_check_finish (CspImport *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * csp_import_write_async:
 * @progress: (nullable): called in the worker thread
 *
 * Runs csp_import_write() in a thread. Neither the import nor its
 * database may be used meanwhile.
 */
void
csp_import_write_async (CspImport *self, CspImportFlags flags, CspImportProgressFunc progress,
                        gpointer user_data, GCancellable *cancellable, GAsyncReadyCallback callback,
                        gpointer callback_data)
{
  g_return_if_fail (CSP_IS_IMPORT (self));
  run_in_thread (self, write_thread_cb, csp_import_write_async, flags, progress, user_data,
                 cancellable, callback, callback_data);
}

gboolean
csp_import_write_finish (CspImport *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
