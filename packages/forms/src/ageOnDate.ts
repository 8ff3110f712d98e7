import { compareDates, isLeapYear, parseIsoDate } from './dates.js';
import { cnIdCardBirthDate } from './formats/cnIdCard.js';

/**
 * Age in completed years (周岁) on `onDate` (`YYYY-MM-DD`) of the person whose 居民身份证号 is
 * `idNo`, following the anniversary rule of the domain spec (`V_IDCARD_AGE18`): a person turns N
 * at the start of their N-th birthday, so someone born 2009-05-28 is 18 on 2027-05-28.
 *
 * A person born on 29 February has their birthday on 1 March in non-leap years (they turn 18 on
 * 03-01, not on 02-28). This is a design choice [Inf]: it never makes someone "of age" before 18
 * full calendar years have passed.
 *
 * Returns `undefined` when `idNo` is not a valid ID number (checksum included; a lowercase `x` is
 * fine), when `onDate` is not a real date, or when `onDate` is before the birth date.
 */
export function ageOnDate(idNo: string, onDate: string): number | undefined {
  const birthText = cnIdCardBirthDate(idNo);
  const birth = birthText === undefined ? undefined : parseIsoDate(birthText);
  const on = parseIsoDate(onDate);
  if (!birth || !on || compareDates(on, birth) < 0) return undefined;
  let birthdayMonth = birth.month;
  let birthdayDay = birth.day;
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(on.year)) {
    birthdayMonth = 3;
    birthdayDay = 1;
  }
  const beforeBirthday = on.month < birthdayMonth || (on.month === birthdayMonth && on.day < birthdayDay);
  return on.year - birth.year - (beforeBirthday ? 1 : 0);
}
