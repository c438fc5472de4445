#ifndef KIOSK_CNCURSESW_SHIM_H
#define KIOSK_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1

#include <locale.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <ncursesw/ncurses.h>
#include <ncursesw/term.h>

#endif

/* Values that ncurses defines as macros with expressions, which Swift does not import. */
static inline attr_t kiosk_attr_normal(void) { return A_NORMAL; }
static inline attr_t kiosk_attr_bold(void) { return A_BOLD; }
static inline attr_t kiosk_attr_dim(void) { return A_DIM; }
static inline attr_t kiosk_attr_reverse(void) { return A_REVERSE; }
static inline attr_t kiosk_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t kiosk_attr_italic(void) { return A_ITALIC; }
static inline mmask_t kiosk_mouse_press(void) { return BUTTON1_PRESSED; }
static inline mmask_t kiosk_mouse_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t kiosk_mouse_wheel_down(void) { return BUTTON5_PRESSED; }

/* Whether the terminal description has this string capability (tigetstr gives NULL for
   an absent one and (char *)-1 for a name that is not a string capability). */
static inline int kiosk_has_string_capability(const char *name) {
  const char *value = tigetstr(name);
  return value != NULL && value != (const char *)-1;
}
