const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

const pad = (n: number, width = 2, fill = "0") => String(n).padStart(width, fill);

/**
 * Python's `datetime.strftime` in the C locale, on the local time of `date` (transformers' `strftime_now` formats
 * `datetime.now()`). glibc's `%-d` style flags (no padding) are supported, as Python on Linux passes them through.
 */
export function strftime(date: Date, format: string): string {
  return format.replace(/%(-?)([a-zA-Z%])/g, (whole, noPad: string, code: string) => {
    const field = formatField(date, code);
    if (field === undefined) return whole;
    return noPad && /^\d+$/.test(field) ? String(Number(field)) : field;
  });
}

function formatField(date: Date, code: string): string | undefined {
  const hours12 = date.getHours() % 12 || 12;
  switch (code) {
    case "a": return DAYS[date.getDay()]!.slice(0, 3);
    case "A": return DAYS[date.getDay()]!;
    case "w": return String(date.getDay());
    case "d": return pad(date.getDate());
    case "e": return pad(date.getDate(), 2, " ");
    case "b": case "h": return MONTHS[date.getMonth()]!.slice(0, 3);
    case "B": return MONTHS[date.getMonth()]!;
    case "m": return pad(date.getMonth() + 1);
    case "y": return pad(date.getFullYear() % 100);
    case "Y": return String(date.getFullYear());
    case "H": return pad(date.getHours());
    case "I": return pad(hours12);
    case "p": return date.getHours() < 12 ? "AM" : "PM";
    case "M": return pad(date.getMinutes());
    case "S": return pad(date.getSeconds());
    case "f": return pad(date.getMilliseconds() * 1000, 6);
    case "j": return pad(dayOfYear(date), 3);
    // `datetime.now()` is naive: Python prints nothing for its offset and zone name.
    case "z": case "Z": return "";
    case "D": return `${formatField(date, "m")}/${formatField(date, "d")}/${formatField(date, "y")}`;
    case "F": return `${formatField(date, "Y")}-${formatField(date, "m")}-${formatField(date, "d")}`;
    case "T": return `${formatField(date, "H")}:${formatField(date, "M")}:${formatField(date, "S")}`;
    case "R": return `${formatField(date, "H")}:${formatField(date, "M")}`;
    case "c": return `${formatField(date, "a")} ${formatField(date, "b")} ${formatField(date, "e")} ${formatField(date, "T")} ${formatField(date, "Y")}`;
    case "x": return formatField(date, "D");
    case "X": return formatField(date, "T");
    case "%": return "%";
    default: return undefined;
  }
}

function dayOfYear(date: Date): number {
  const start = new Date(date.getFullYear(), 0, 1);
  return Math.round((new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime() - start.getTime()) / 86_400_000) + 1;
}
