/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CSP_ZIP_PACKAGE_ERROR (csp_zip_package_error_quark ())

/**
 * CspZipPackageError:
 * @CSP_ZIP_PACKAGE_ERROR_INVALID: the file is not a ZIP package, or one
 *   too large to be a document
 * @CSP_ZIP_PACKAGE_ERROR_FAILED: the package could not be made
 */
typedef enum
{
  CSP_ZIP_PACKAGE_ERROR_INVALID,
  CSP_ZIP_PACKAGE_ERROR_FAILED,
} CspZipPackageError;

/* The parts of a ZIP package (a Word or OpenDocument file) in memory, by
 * name, in the order they were first added. */
typedef struct _CspZipPackage CspZipPackage;

GQuark csp_zip_package_error_quark (void);

CspZipPackage *csp_zip_package_new (void);
CspZipPackage *csp_zip_package_new_from_file (const char *path, GError **error);
void csp_zip_package_free (CspZipPackage *self);
GBytes *csp_zip_package_get (CspZipPackage *self, const char *name);
void csp_zip_package_set (CspZipPackage *self, const char *name, GBytes *contents);
void csp_zip_package_take (CspZipPackage *self, const char *name, GBytes *contents);
gboolean csp_zip_package_write (CspZipPackage *self, const char *path, GDateTime *modified,
                                GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspZipPackage, csp_zip_package_free)

G_END_DECLS
