import { ConnectorError } from '../connector.ts';

/**
 * A first pass over an iCalendar text, line by line, before ical.js parses it: it checks
 * the BEGIN/END structure (so a truncated or malformed file fails with a line number,
 * which ical.js cannot give), cuts the file into its VCALENDAR objects, and keeps for each
 * VEVENT the line it starts on and its RRULE text exactly as written (ical.js reorders
 * rule parts).
 */
export interface ScannedEvent {
  line: number;
  rrules: string[];
}

export interface ScannedCalendar {
  /** The VCALENDAR's own text, unfolded lines joined with CRLF. */
  text: string;
  line: number;
  events: ScannedEvent[];
}

export class IcalScanner {
  private stack: { name: string; line: number }[] = [];
  private lines: string[] = [];
  private events: ScannedEvent[] = [];
  private calendarLine = 0;
  private pending: { text: string; line: number } | null = null;

  constructor(private readonly file: string) {}

  /** Feeds one physical line; returns a calendar when its END:VCALENDAR completes it. */
  push(line: string, lineNo: number): ScannedCalendar | null {
    if ((line.startsWith(' ') || line.startsWith('\t')) && this.pending) {
      this.pending.text += line.slice(1);
      return null;
    }
    const done = this.flushPending();
    if (line.trim() !== '') this.pending = { text: line, line: lineNo };
    return done;
  }

  /** Ends the input; throws when a component is left open. */
  end(): ScannedCalendar | null {
    const done = this.flushPending();
    if (this.stack.length > 0) {
      const open = this.stack.map((s) => `${s.name} (line ${s.line})`).join(' > ');
      throw new ConnectorError(
        `${this.file}: the file ends inside ${open}: END:${this.stack[this.stack.length - 1]!.name} is missing, the file looks truncated`,
        { file: this.file, line: this.stack[0]!.line, element: this.stack[this.stack.length - 1]!.name },
      );
    }
    return done;
  }

  private flushPending(): ScannedCalendar | null {
    const p = this.pending;
    this.pending = null;
    if (!p) return null;
    return this.logical(p.text, p.line);
  }

  private logical(text: string, line: number): ScannedCalendar | null {
    const colon = text.indexOf(':');
    const where = { file: this.file, line };
    if (colon < 0) throw new ConnectorError(`${this.file}, line ${line}: expected a property "NAME:value", found "${clip(text)}"`, where);
    const name = text.slice(0, colon).split(';')[0]!.toUpperCase();
    const value = text.slice(colon + 1).trim();
    if (this.stack.length === 0) {
      if (name !== 'BEGIN' || value.toUpperCase() !== 'VCALENDAR')
        throw new ConnectorError(`${this.file}, line ${line}: expected BEGIN:VCALENDAR, found "${clip(text)}"`, where);
      this.lines = [];
      this.events = [];
      this.calendarLine = line;
    }
    this.lines.push(text);
    if (name === 'BEGIN') {
      const comp = value.toUpperCase();
      this.stack.push({ name: comp, line });
      if (comp === 'VEVENT' && this.stack.length === 2) this.events.push({ line, rrules: [] });
    } else if (name === 'END') {
      const top = this.stack.pop();
      if (!top || top.name !== value.toUpperCase())
        throw new ConnectorError(`${this.file}, line ${line}: END:${value} does not close ${top ? `BEGIN:${top.name} of line ${top.line}` : 'anything'}`, { ...where, element: value });
      if (this.stack.length === 0) return { text: this.lines.join('\r\n'), line: this.calendarLine, events: this.events };
    } else if (name === 'RRULE' && this.stack.length === 2 && this.stack[1]!.name === 'VEVENT') {
      this.events[this.events.length - 1]!.rrules.push(value);
    }
    return null;
  }
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);
