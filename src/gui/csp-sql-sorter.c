/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-sql-sorter"

#include "config.h"

#include "csp-sql-sorter.h"

/* A column view column's sorter that sorts nothing itself: it only names
 * the SQL column, so that clicking a header re-runs the query in order.
 *
 * GTK 4.8 has no API to ask a column view which column it sorts by (that
 * came in 4.10), so csp_sql_sorter_read_view_sorter() asks the view's
 * sorter to compare two items: the view consults its columns' sorters
 * from the primary one down, and inverts the answer when descending. The
 * first CspSqlSorter consulted is the primary; it answers "smaller", so
 * the view's answer gives the direction. */
struct _CspSqlSorter
{
  GtkSorter parent_instance;

  char *column;
};

G_DEFINE_FINAL_TYPE (CspSqlSorter, csp_sql_sorter, GTK_TYPE_SORTER)

enum
{
  PROP_0,
  PROP_COLUMN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sorter consulted during a probe; GTK calls back on the UI thread. */
static CspSqlSorter *consulted;

static GtkOrdering
csp_sql_sorter_compare (GtkSorter *sorter, gpointer item1, gpointer item2)
{
  if (consulted == NULL)
    consulted = CSP_SQL_SORTER (sorter);
  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
csp_sql_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
csp_sql_sorter_finalize (GObject *object)
{
  CspSqlSorter *self = CSP_SQL_SORTER (object);

  g_clear_pointer (&self->column, g_free);

  G_OBJECT_CLASS (csp_sql_sorter_parent_class)->finalize (object);
}

static void
csp_sql_sorter_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspSqlSorter *self = CSP_SQL_SORTER (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      g_value_set_string (value, self->column);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_sql_sorter_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CspSqlSorter *self = CSP_SQL_SORTER (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      g_free (self->column);
      self->column = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_sql_sorter_class_init (CspSqlSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->finalize = csp_sql_sorter_finalize;
  object_class->get_property = csp_sql_sorter_get_property;
  object_class->set_property = csp_sql_sorter_set_property;
  sorter_class->compare = csp_sql_sorter_compare;
  sorter_class->get_order = csp_sql_sorter_get_order;

  /**
   * CspSqlSorter:column:
   *
   * The SQL column the view column sorts by, as a .ui names it.
   */
  properties[PROP_COLUMN] =
      g_param_spec_string ("column", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csp_sql_sorter_init (CspSqlSorter *self)
{
}

const char *
csp_sql_sorter_get_column (CspSqlSorter *self)
{
  g_return_val_if_fail (CSP_IS_SQL_SORTER (self), NULL);
  return self->column;
}

/**
 * csp_sql_sorter_read_view_sorter:
 * @view_sorter: a column view's sorter, whose columns have CspSqlSorters
 * @column: (out) (transfer none): the SQL column of the primary sort
 * @descending: (out): whether it sorts from highest to lowest
 *
 * Returns: %FALSE when the view is not sorted by any column
 */
gboolean
csp_sql_sorter_read_view_sorter (GtkSorter *view_sorter, const char **column, gboolean *descending)
{
  /* Two objects: GTK answers "equal" for an item compared with itself
   * without asking any sorter. */
  g_autoptr (GObject) first = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GObject) second = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering ordering;

  consulted = NULL;
  ordering = gtk_sorter_compare (view_sorter, first, second);
  if (consulted == NULL)
    return FALSE;
  *column = consulted->column;
  *descending = ordering == GTK_ORDERING_LARGER;
  consulted = NULL;
  return TRUE;
}
