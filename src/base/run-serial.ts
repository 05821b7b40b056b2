/** Sensei's run serial: the run's start time as `YYYY-MM-DD-HH-MM-SS` (local time, like Python's datetime.now()). */
export function runSerial(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}-${pad(date.getMinutes())}-${pad(date.getSeconds())}`;
}
