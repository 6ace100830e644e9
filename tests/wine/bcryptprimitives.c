/* A stand-in for Windows' bcryptprimitives.dll, for running dorkarta.exe under Wine 8 only.
 *
 * Rust's standard library (1.78 and later) takes its random bytes from ProcessPrng in
 * bcryptprimitives.dll, which Windows 10 and later have and Wine 8 does not. The tests put this
 * file, built with mingw (see tests/wine.rs), beside the .exe, so that the very file that is
 * shipped runs under Wine. It answers with RtlGenRandom (SystemFunction036 of advapi32), which
 * Wine has. Never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
