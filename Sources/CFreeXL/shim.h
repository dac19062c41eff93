#ifndef CFREEXL_SHIM_H
#define CFREEXL_SHIM_H
// FreeXL (Debian's libfreexl-dev) reads legacy Excel workbooks (.xls: BIFF2 to BIFF8 in an OLE container),
// turning their strings into UTF-8 from the workbook's code page.
#include <freexl.h>
#endif
