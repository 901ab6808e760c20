/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-export.h"
#include "csp-query-sql.h"
#include "csp-records.h"

/* A list to export, read straight from its table in one pass so that a
 * list of any length takes little memory. Its columns are the import
 * fields of the kind (csp-import-target.c), in their order and under their
 * labels, so an exported file imports again as it is; other lists export
 * every column of their table. References are written as the name of the
 * row they point at. SQL is put together only from the identifiers of the
 * static table descriptions. */

typedef enum
{
  SOURCE_COLUMN,
  SOURCE_REF,
  SOURCE_PARTNERS,
  SOURCE_PLAN,
  SOURCE_METRIC_CHANNEL,
  SOURCE_METRIC_NAME,
  SOURCE_METRIC_KIND,
} Source;

typedef struct
{
  char *header;
  CspExportCellType type;
  Source source;
  int sql_index;
  const char *ref_table;
} ExportColumn;

/* The rows references point at: a name to show, and the row each belongs
 * to (a priority's plan, an action's priority, a metric's channel). */
typedef struct
{
  GHashTable *names;   /* gint64 * id -> char * */
  GHashTable *parents; /* gint64 * id -> gint64 * */
  GHashTable *extras;  /* gint64 * id -> char * (a metric's kind) */
} Names;

struct _CspExportTable
{
  CspDatabase *database;
  char *title;
  const CspTableInfo *info;
  GArray *columns; /* ExportColumn */
  CspStatement *stmt;
  GHashTable *names;    /* table -> Names * */
  GHashTable *partners; /* gint64 * record id -> GString * of names */
  CspExportCell *cells;
  char (*numbers)[24];
};

static const struct
{
  const char *table;
  const char *sql;
} name_sources[] = {
  /* id, name, parent, extra */
  { "partner", "SELECT id, name, NULL, NULL FROM partner" },
  { "channel", "SELECT id, name, NULL, NULL FROM channel" },
  { "plan", "SELECT id, title, NULL, NULL FROM plan" },
  { "priority", "SELECT id, title, plan_id, NULL FROM priority" },
  { "action", "SELECT id, ref, priority_id, NULL FROM action" },
  { "metric", "SELECT id, name, channel_id, kind FROM metric" },
  { "meeting", "SELECT id, title, NULL, NULL FROM meeting" },
  { "committee_report", "SELECT id, title, NULL, NULL FROM committee_report" },
};

/* The lists besides the kinds of import: their table, the name the
 * command line knows them by and their title. */
static const struct
{
  const char *table;
  const char *name;
  const char *title;
} list_titles[] = {
  { "partner", "partners", N_ ("Partners") },
  { "channel", "channels", N_ ("Channels") },
  { "plan", "plans", N_ ("Plans") },
  { "priority", "priorities", N_ ("Priorities") },
  { "metric", "channel-metrics", N_ ("Metrics") },
  { "action_update", "progress-updates", N_ ("Progress updates") },
  { "risk", "risks", N_ ("Risks") },
  { "chart_event", "chart-events", N_ ("Chart events") },
};

static void
names_free (Names *names)
{
  g_hash_table_unref (names->names);
  g_hash_table_unref (names->parents);
  g_hash_table_unref (names->extras);
  g_free (names);
}

static void
string_free (GString *string)
{
  g_string_free (string, TRUE);
}

/**
 * csp_export_table_free:
 */
void
csp_export_table_free (CspExportTable *self)
{
  for (guint i = 0; self->columns != NULL && i < self->columns->len; i++)
    g_free (g_array_index (self->columns, ExportColumn, i).header);
  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->stmt, csp_statement_free);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->partners, g_hash_table_unref);
  g_clear_object (&self->database);
  g_free (self->cells);
  g_free (self->numbers);
  g_free (self->title);
  g_free (self);
}

static gint64 *
new_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static Names *
get_names (CspExportTable *self, const char *table, GError **error)
{
  Names *names = g_hash_table_lookup (self->names, table);
  g_autoptr (CspStatement) stmt = NULL;
  const char *sql = NULL;
  CspStep step;

  if (names != NULL)
    return names;
  for (guint i = 0; i < G_N_ELEMENTS (name_sources); i++)
    if (g_str_equal (name_sources[i].table, table))
      sql = name_sources[i].sql;
  g_assert (sql != NULL);

  stmt = csp_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return NULL;
  names = g_new0 (Names, 1);
  names->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  names->parents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  names->extras = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_hash_table_insert (self->names, (gpointer) table, names);
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      gint64 id = csp_statement_get_int64 (stmt, 0);

      g_hash_table_insert (names->names, new_id (id), g_strdup (csp_statement_get_text (stmt, 1)));
      if (!csp_statement_is_null (stmt, 2))
        g_hash_table_insert (names->parents, new_id (id),
                             new_id (csp_statement_get_int64 (stmt, 2)));
      if (!csp_statement_is_null (stmt, 3))
        g_hash_table_insert (names->extras, new_id (id),
                             g_strdup (csp_statement_get_text (stmt, 3)));
    }
  return step == CSP_STEP_DONE ? names : NULL;
}

static const char *
lookup_name (CspExportTable *self, const char *table, gint64 id)
{
  Names *names = g_hash_table_lookup (self->names, table);

  return names != NULL ? g_hash_table_lookup (names->names, &id) : NULL;
}

static gint64
lookup_parent (CspExportTable *self, const char *table, gint64 id)
{
  Names *names = g_hash_table_lookup (self->names, table);
  gint64 *parent = names != NULL ? g_hash_table_lookup (names->parents, &id) : NULL;

  return parent != NULL ? *parent : 0;
}

static gboolean
load_partners (CspExportTable *self, GError **error)
{
  g_autofree char *sql = NULL;
  g_autoptr (CspStatement) stmt = NULL;
  CspStep step;

  if (get_names (self, "partner", error) == NULL)
    return FALSE;
  /* Identifiers from the static table description. */
  sql =
      g_strdup_printf ("SELECT %s, partner_id FROM %s ORDER BY %s, partner_id",
                       self->info->partner_key, self->info->partner_table, self->info->partner_key);
  stmt = csp_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return FALSE;
  self->partners =
      g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) string_free);
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      gint64 id = csp_statement_get_int64 (stmt, 0);
      const char *name = lookup_name (self, "partner", csp_statement_get_int64 (stmt, 1));
      GString *list = g_hash_table_lookup (self->partners, &id);

      if (name == NULL)
        continue;
      if (list == NULL)
        {
          list = g_string_new (NULL);
          g_hash_table_insert (self->partners, new_id (id), list);
        }
      else
        g_string_append (list, "; ");
      g_string_append (list, name);
    }
  return step == CSP_STEP_DONE;
}

static CspExportCellType
cell_type_of (const CspColumn *column)
{
  switch (column->kind)
    {
    case CSP_COLUMN_INT:
      return CSP_EXPORT_CELL_NUMBER;
    case CSP_COLUMN_BOOL:
      return CSP_EXPORT_CELL_BOOL;
    case CSP_COLUMN_DATE:
      return CSP_EXPORT_CELL_DATE;
    case CSP_COLUMN_MONTH:
      return CSP_EXPORT_CELL_MONTH;
    case CSP_COLUMN_TEXT:
    case CSP_COLUMN_CHOICE:
    case CSP_COLUMN_REF:
    default:
      return CSP_EXPORT_CELL_TEXT;
    }
}

/* The column's place in the SELECT list: 0 is the id. */
static int
sql_index (const CspTableInfo *info, const char *column)
{
  for (guint i = 0; i < info->n_columns; i++)
    if (g_str_equal (info->columns[i].name, column))
      return (int) i + 1;
  g_assert_not_reached ();
}

static void
add_column (CspExportTable *self, const char *header, CspExportCellType type, Source source,
            int index, const char *ref_table)
{
  ExportColumn column = { g_strdup (header), type, source, index, ref_table };

  g_array_append_val (self->columns, column);
}

static CspExportTable *
table_new (CspDatabase *database, GType type, const char *title)
{
  CspExportTable *self = g_new0 (CspExportTable, 1);

  self->database = g_object_ref (database);
  self->info = csp_record_type_get_info (type);
  self->title = g_strdup (title);
  self->columns = g_array_new (FALSE, FALSE, sizeof (ExportColumn));
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) names_free);
  return self;
}

/* Prepares the query and what its references need: the rows @query
 * matches in its order, or with no query every row in @default_order. */
static gboolean
table_start (CspExportTable *self, const CspQuery *query, const char *default_order, GError **error)
{
  g_autoptr (GString) sql = g_string_new ("SELECT id");
  g_autoptr (CspQuerySql) query_sql = NULL;

  for (guint i = 0; i < self->columns->len; i++)
    {
      ExportColumn *column = &g_array_index (self->columns, ExportColumn, i);

      if (column->ref_table != NULL && get_names (self, column->ref_table, error) == NULL)
        return FALSE;
      if (column->source == SOURCE_PARTNERS && self->partners == NULL &&
          !load_partners (self, error))
        return FALSE;
      if (column->source == SOURCE_PLAN &&
          (get_names (self, "plan", error) == NULL || get_names (self, "priority", error) == NULL ||
           get_names (self, "action", error) == NULL))
        return FALSE;
      if (column->source >= SOURCE_METRIC_CHANNEL &&
          (get_names (self, "metric", error) == NULL || get_names (self, "channel", error) == NULL))
        return FALSE;
    }
  if (query != NULL &&
      (query_sql = csp_query_sql_new (self->database, self->info, query, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < self->info->n_columns; i++)
    g_string_append_printf (sql, ", %s", self->info->columns[i].name);
  for (guint i = 0; i < self->info->n_figures; i++)
    g_string_append_printf (sql, ", %s", self->info->figures[i].sql);
  /* Identifiers and expressions from the static table description; the
   * query's values are bound below. */
  g_string_append_printf (sql, " FROM %s", self->info->table);
  if (query_sql != NULL)
    g_string_append_printf (sql, "%s%s", csp_query_sql_get_where (query_sql),
                            csp_query_sql_get_order (query_sql));
  else
    /* A fixed order from csp_export_table_new()'s own table. */
    g_string_append_printf (sql, " ORDER BY %s", default_order);
  self->stmt = csp_database_prepare (self->database, sql->str, error);
  if (self->stmt == NULL)
    return FALSE;
  if (query_sql != NULL)
    csp_query_sql_bind (query_sql, self->stmt);
  self->cells = g_new0 (CspExportCell, self->columns->len);
  self->numbers = g_malloc0 (sizeof *self->numbers * self->columns->len);
  return TRUE;
}

/**
 * csp_export_table_new:
 * @query: (nullable): which records, in which order (its page is
 *   ignored); %NULL for all of them
 *
 * The records of @kind, with the columns an import of @kind reads.
 *
 * Returns: (transfer full): the table, before its first row, or %NULL
 */
CspExportTable *
csp_export_table_new (CspDatabase *database, CspImportKind kind, const CspQuery *query,
                      GError **error)
{
  static const char *const orders[CSP_IMPORT_N_KINDS] = {
    [CSP_IMPORT_ACTIVITIES] = "start_date, id",
    [CSP_IMPORT_METRICS] = "metric_id, month, id",
    [CSP_IMPORT_ACTIONS] = "priority_id, id",
    [CSP_IMPORT_MEETINGS] = "held_on, id",
  };
  g_autoptr (CspExportTable) self = NULL;
  const CspImportTarget *targets;
  guint n_targets = 0;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);
  g_return_val_if_fail (kind < CSP_IMPORT_N_KINDS, NULL);

  self = table_new (database, csp_import_kind_get_record_type (kind),
                    csp_import_kind_get_label (kind));
  targets = csp_import_kind_get_targets (kind, &n_targets);
  for (guint i = 0; i < n_targets; i++)
    {
      const CspImportTarget *target = &targets[i];
      const char *header = _ (target->label);

      if (!target->exported)
        continue;
      switch (target->kind)
        {
        case CSP_IMPORT_TARGET_COLUMN:
          add_column (self, header, cell_type_of (csp_import_target_get_column (kind, target)),
                      SOURCE_COLUMN, sql_index (self->info, target->column), NULL);
          break;
        case CSP_IMPORT_TARGET_REF:
          if (target->column == NULL)
            add_column (self, header, CSP_EXPORT_CELL_TEXT, SOURCE_METRIC_CHANNEL,
                        sql_index (self->info, "metric_id"), NULL);
          else
            add_column (self, header, CSP_EXPORT_CELL_TEXT, SOURCE_REF,
                        sql_index (self->info, target->column), target->ref_table);
          break;
        case CSP_IMPORT_TARGET_PARTNERS:
          add_column (self, header, CSP_EXPORT_CELL_TEXT, SOURCE_PARTNERS, 0, NULL);
          break;
        case CSP_IMPORT_TARGET_PLAN:
          add_column (self, header, CSP_EXPORT_CELL_TEXT, SOURCE_PLAN,
                      sql_index (self->info, "priority_id"), NULL);
          break;
        case CSP_IMPORT_TARGET_METRIC:
          add_column (self, header, CSP_EXPORT_CELL_TEXT, SOURCE_METRIC_NAME,
                      sql_index (self->info, "metric_id"), NULL);
          break;
        case CSP_IMPORT_TARGET_METRIC_KIND:
          add_column (self, header, CSP_EXPORT_CELL_TEXT, SOURCE_METRIC_KIND,
                      sql_index (self->info, "metric_id"), NULL);
          break;
        case CSP_IMPORT_TARGET_METRIC_VALUE:
        default:
          break;
        }
    }
  if (!table_start (self, query, orders[kind], error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * csp_export_list_other_types:
 * @n_types: (out): how many
 *
 * Returns: (transfer none) (array length=n_types): the record types that
 *   an export of every list writes besides the kinds of import
 */
const GType *
csp_export_list_other_types (guint *n_types)
{
  static GType types[G_N_ELEMENTS (list_titles)];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (list_titles); i++)
        types[i] = csp_record_type_from_table (list_titles[i].table);
      g_once_init_leave (&initialized, 1);
    }
  *n_types = G_N_ELEMENTS (types);
  return types;
}

/**
 * csp_export_list_from_name:
 * @name: a list's name on the command line: "partners", "channels",
 *   "plans", "priorities", "channel-metrics", "progress-updates", "risks"
 *   or "chart-events"
 * @record_type: (out): its records' type, one of csp_export_list_other_types()
 *
 * Returns: whether @name names one of the lists besides the kinds of import
 */
gboolean
csp_export_list_from_name (const char *name, GType *record_type)
{
  g_return_val_if_fail (record_type != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (list_titles) && name != NULL; i++)
    if (g_str_equal (list_titles[i].name, name))
      {
        *record_type = csp_record_type_from_table (list_titles[i].table);
        return TRUE;
      }
  return FALSE;
}

/**
 * csp_export_table_new_for_type:
 * @record_type: one of csp_export_list_other_types()
 *
 * Every column of the type's table.
 *
 * Returns: (transfer full): the table, before its first row, or %NULL
 */
CspExportTable *
csp_export_table_new_for_type (CspDatabase *database, GType record_type, GError **error)
{
  g_autoptr (CspExportTable) self = NULL;
  const CspTableInfo *info;
  const char *title = NULL;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);

  info = csp_record_type_get_info (record_type);
  for (guint i = 0; i < G_N_ELEMENTS (list_titles); i++)
    if (g_str_equal (list_titles[i].table, info->table))
      title = _ (list_titles[i].title);
  g_return_val_if_fail (title != NULL, NULL);

  self = table_new (database, record_type, title);
  for (guint i = 0; i < info->n_columns; i++)
    {
      const CspColumn *column = &info->columns[i];

      if (column->kind == CSP_COLUMN_REF)
        add_column (self, _ (column->label), CSP_EXPORT_CELL_TEXT, SOURCE_REF, (int) i + 1,
                    column->ref_table);
      else
        add_column (self, _ (column->label), cell_type_of (column), SOURCE_COLUMN, (int) i + 1,
                    NULL);
    }
  for (guint i = 0; i < info->n_figures; i++)
    add_column (self, _ (info->figures[i].label), CSP_EXPORT_CELL_NUMBER, SOURCE_COLUMN,
                (int) (info->n_columns + i) + 1, NULL);
  if (info->partner_table != NULL)
    add_column (self,
                info->partners_label != NULL ? _ (info->partners_label) : _ ("Supporting partners"),
                CSP_EXPORT_CELL_TEXT, SOURCE_PARTNERS, 0, NULL);
  if (!table_start (self, NULL, "id", error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
csp_export_table_get_title (CspExportTable *self)
{
  return self->title;
}

guint
csp_export_table_get_n_columns (CspExportTable *self)
{
  return self->columns->len;
}

const char *
csp_export_table_get_header (CspExportTable *self, guint column)
{
  g_return_val_if_fail (column < self->columns->len, NULL);
  return g_array_index (self->columns, ExportColumn, column).header;
}

CspExportCellType
csp_export_table_get_column_type (CspExportTable *self, guint column)
{
  g_return_val_if_fail (column < self->columns->len, CSP_EXPORT_CELL_TEXT);
  return g_array_index (self->columns, ExportColumn, column).type;
}

static void
set_text (CspExportCell *cell, const char *text)
{
  cell->type = text != NULL && *text != '\0' ? CSP_EXPORT_CELL_TEXT : CSP_EXPORT_CELL_EMPTY;
  cell->text = text != NULL ? text : "";
}

/* The plan of an activity or action: its priority's, else its action's
 * priority's. */
static gint64
plan_of_row (CspExportTable *self, int priority_index)
{
  gint64 priority = csp_statement_get_int64 (self->stmt, priority_index);
  const CspColumn *action = csp_table_info_find_column (self->info, "action_id");

  if (priority == 0 && action != NULL)
    priority = lookup_parent (
        self, "action", csp_statement_get_int64 (self->stmt, sql_index (self->info, "action_id")));
  return priority != 0 ? lookup_parent (self, "priority", priority) : 0;
}

static void
fill_cell (CspExportTable *self, guint i)
{
  ExportColumn *column = &g_array_index (self->columns, ExportColumn, i);
  CspExportCell *cell = &self->cells[i];
  CspStatement *stmt = self->stmt;
  int index = column->sql_index;
  gint64 id =
      column->source != SOURCE_COLUMN && index > 0 ? csp_statement_get_int64 (stmt, index) : 0;
  gint64 record_id = csp_statement_get_int64 (stmt, 0);

  cell->number = 0;
  switch (column->source)
    {
    case SOURCE_COLUMN:
      /* The type is the column's kind (column->type), never what the
       * engine reports: a server hands every value over as text. */
      if (csp_statement_is_null (stmt, index))
        {
          cell->type =
              column->type == CSP_EXPORT_CELL_BOOL ? CSP_EXPORT_CELL_BOOL : CSP_EXPORT_CELL_EMPTY;
          cell->text = column->type == CSP_EXPORT_CELL_BOOL ? "no" : "";
          break;
        }
      cell->type = column->type;
      switch (column->type)
        {
        case CSP_EXPORT_CELL_NUMBER:
          cell->number = csp_statement_get_int64 (stmt, index);
          g_snprintf (self->numbers[i], sizeof self->numbers[i], "%" G_GINT64_FORMAT, cell->number);
          cell->text = self->numbers[i];
          break;
        case CSP_EXPORT_CELL_BOOL:
          cell->number = csp_statement_get_int64 (stmt, index) != 0;
          /* Data, not interface text: read the same in any language. */
          cell->text = cell->number ? "yes" : "no";
          break;
        case CSP_EXPORT_CELL_EMPTY:
        case CSP_EXPORT_CELL_TEXT:
        case CSP_EXPORT_CELL_DATE:
        case CSP_EXPORT_CELL_MONTH:
        default:
          set_text (cell, csp_statement_get_text (stmt, index));
          if (cell->type != CSP_EXPORT_CELL_EMPTY)
            cell->type = column->type;
          break;
        }
      break;
    case SOURCE_REF:
      set_text (cell, id != 0 ? lookup_name (self, column->ref_table, id) : NULL);
      break;
    case SOURCE_PARTNERS:
      {
        GString *list =
            self->partners != NULL ? g_hash_table_lookup (self->partners, &record_id) : NULL;
        set_text (cell, list != NULL ? list->str : NULL);
      }
      break;
    case SOURCE_PLAN:
      {
        gint64 plan = plan_of_row (self, index);
        set_text (cell, plan != 0 ? lookup_name (self, "plan", plan) : NULL);
      }
      break;
    case SOURCE_METRIC_CHANNEL:
      set_text (cell, lookup_name (self, "channel", lookup_parent (self, "metric", id)));
      break;
    case SOURCE_METRIC_NAME:
      set_text (cell, lookup_name (self, "metric", id));
      break;
    case SOURCE_METRIC_KIND:
      {
        Names *names = g_hash_table_lookup (self->names, "metric");
        set_text (cell, g_hash_table_lookup (names->extras, &id));
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * csp_export_table_next:
 * @has_row: (out): %TRUE when a row is ready, %FALSE after the last
 *
 * Moves to the next row; its cells are valid until the next call.
 *
 * Returns: %FALSE on a database error, which is distinct from the end
 */
gboolean
csp_export_table_next (CspExportTable *self, gboolean *has_row, GError **error)
{
  CspStep step;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (has_row != NULL, FALSE);

  step = csp_statement_step (self->stmt, error);
  *has_row = step == CSP_STEP_ROW;
  if (step == CSP_STEP_FAILED)
    return FALSE;
  if (*has_row)
    for (guint i = 0; i < self->columns->len; i++)
      fill_cell (self, i);
  return TRUE;
}

/**
 * csp_export_table_get_cell:
 *
 * Returns: (transfer none): the cell of the current row
 */
const CspExportCell *
csp_export_table_get_cell (CspExportTable *self, guint column)
{
  g_return_val_if_fail (column < self->columns->len, NULL);
  return &self->cells[column];
}

/**
 * csp_export_needs_neutralizing:
 *
 * Whether a spreadsheet could take @text for a formula (or a DDE call):
 * it starts with =, +, -, @, a tab or a carriage return.
 */
gboolean
csp_export_needs_neutralizing (const char *text)
{
  return text != NULL && text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}
