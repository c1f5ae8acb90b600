/* expect: banned call strcpy ; line: 8 */
#include <string.h>

void copy_name(char *dst, const char *src);

void copy_name(char *dst, const char *src)
{
    strcpy(dst, src);
}
