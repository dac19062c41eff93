#ifndef CZIP_SHIM_H
#define CZIP_SHIM_H
// libzip, for ZIP archives of exports and the parts of .xlsx and .ods workbooks.
#include <zip.h>
#endif
