#ifndef KIOSK_CCRYPT_SHIM_H
#define KIOSK_CCRYPT_SHIM_H

#include <crypt.h>
#include <stdlib.h>

#endif
