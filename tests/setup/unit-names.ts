/**
 * Unit names that put the Vietnamese collation to the test: đ after d; ă and â after a; ô and ơ
 * after o; ư after u; tones weighed after letters; numbers compared as text.
 */
export const UNIT_NAMES: readonly string[] = [
  'Xã Tân Hòa',
  'Xã Đốc Binh Kiều',
  'Phường Mỹ Tho',
  'Phường Đạo Thạnh',
  'Xã Ấp Bắc',
  'Xã Dương Điềm',
  'Xã An Bình',
  'Xã Ăn Uống',
  'Xã Ân Phú',
  'Xã Anh Dũng',
  'Xã Ea Súp',
  'Xã Ô Môn',
  'Xã Ơ Rê',
  'Xã Ông Văn',
  'Xã Ưu Đàm',
  'Xã Uyên Hưng',
  'Khóm 1',
  'Khóm 10',
  'Khóm 2',
  'Bà Rịa - Vũng Tàu',
];
