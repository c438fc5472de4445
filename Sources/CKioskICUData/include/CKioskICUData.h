// The empty ICU data package that icu-data.S defines for a static link (see that file).
// Nothing in the kiosk reads it; ICU looks it up by this name.
#ifndef CKIOSKICUDATA_H
#define CKIOSKICUDATA_H

#if defined(__linux__)
extern const unsigned char icudt76_dat[];
#endif

#endif
