/* expect: not formatted as .clang-format says ; line: 4 */
int twice(int x);

int twice(int x) {
  return 2 * x;
}
