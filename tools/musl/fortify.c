/* __fprintf_chk for the static musl build (tools/build-linux): Debian compiles LLVM's
 * libunwind.a with _FORTIFY_SOURCE, so its messages call glibc's checked fprintf, which musl
 * does not have. The check's flag is ignored; the message is printed as fprintf would. */
#include <stdarg.h>
#include <stdio.h>

int __fprintf_chk(FILE *stream, int flag, const char *format, ...)
{
    va_list args;
    int written;
    (void)flag;
    va_start(args, format);
    written = vfprintf(stream, format, args);
    va_end(args);
    return written;
}
