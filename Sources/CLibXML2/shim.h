#ifndef APIGEN_CLIBXML2_SHIM_H
#define APIGEN_CLIBXML2_SHIM_H

// libxml2's headers pull in ICU's when LIBXML_ICU_ENABLED is set, and ICU's
// headers clash with the copy of ICU that Foundation ships. We use none of
// libxml2's ICU API, so read the version header first and switch ICU off
// before any other libxml2 header sees it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlIO.h>

// `xmlFree` is a global function-pointer variable, which Swift 6 treats as shared mutable
// state; calling it through a function keeps strict concurrency checking happy.
static inline void apigen_xml_free(void *pointer) { xmlFree(pointer); }

#endif
