/* expect: banned call sprintf ; line: 9 */
#include <stdio.h>

void say(char *out, int number_of_requests_waiting, int number_of_experts_available_today);

void say(char *out, int number_of_requests_waiting, int number_of_experts_available_today)
{
    /* snprintf would be fine; sprintf is not, even when the call spans lines */
    sprintf(out, "%d requests are waiting and %d experts are available today",
            number_of_requests_waiting, number_of_experts_available_today);
}
