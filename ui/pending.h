/* pending.h -- the engine and report entry points are linked in when
 * those parts are in the build; until then the wizard runs without
 * them and says so. Weak references make that one binary. */
#ifndef VS_PENDING_H
#define VS_PENDING_H
#include "analysis.h"
#include "kb.h"
#include "report.h"
#include "walk.h"

#pragma weak kb_load
#pragma weak kb_free
#pragma weak kb_diags_free
#pragma weak kb_ntrees
#pragma weak kb_tree_id
#pragma weak kb_tree_title
#pragma weak kb_nproviders
#pragma weak kb_provider
#pragma weak kb_ncollect
#pragma weak kb_collect
#pragma weak analysis_create
#pragma weak analysis_free
#pragma weak analysis_add_record
#pragma weak analysis_finish
#pragma weak analysis_nfindings
#pragma weak analysis_finding
#pragma weak analysis_ncodes
#pragma weak analysis_code
#pragma weak analysis_fact
#pragma weak walk_start
#pragma weak walk_free
#pragma weak walk_current
#pragma weak walk_answer
#pragma weak walk_back
#pragma weak walk_auto
#pragma weak walk_nhistory
#pragma weak walk_history
#pragma weak report_write
#endif
