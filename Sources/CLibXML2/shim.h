#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU, and then its encoding.h includes ICU's headers, whose types clash
// with Foundation's own ICU module in any Swift module that sees both (a module importing Foundation
// and VerbatimXML loads this one for VerbatimXML's layout). We never touch the ICU converter fields
// of xmlCharEncodingHandler (only pointers to it pass through), so the ICU headers are left out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function pointer, which Swift 6 cannot call directly.
static inline void clibxml2_free(void *p) { xmlFree(p); }

#endif
