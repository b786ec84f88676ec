/** Words of the pages of target populations. */
import type { Message } from '../messages.ts';

export const targetsText = {
  'targets.title': { vi: 'Đối tượng cần tập hợp', en: 'Target populations' },
  'targets.intro': {
    vi: 'Số người trong độ tuổi có mặt tại địa phương mà tổ chức cần tập hợp, theo từng ấp, khóm và năm. Tỷ lệ tập hợp = hội viên đang sinh hoạt ÷ số này.',
    en: 'Eligible people present locally whom the organization should gather, per hamlet and year. Coverage = active members ÷ this number.',
  },
  'targets.pick': { vi: 'Chọn đơn vị và năm', en: 'Choose a unit and a year' },
  'targets.unit': { vi: 'Xã, phường', en: 'Commune' },
  'targets.year': { vi: 'Năm', en: 'Year' },
  'targets.show': { vi: 'Xem', en: 'Show' },
  'targets.choosePrompt': {
    vi: 'Chọn một xã, phường để nhập số đối tượng cho tất cả ấp, khóm của xã, phường đó.',
    en: 'Choose a commune to fill in the targets of all its hamlets at once.',
  },
  'targets.caption': { vi: 'Số đối tượng cần tập hợp năm', en: 'Target populations for' },
  'targets.colUnit': { vi: 'Đơn vị', en: 'Unit' },
  'targets.colTarget': { vi: 'Đối tượng cần tập hợp', en: 'Target population' },
  'targets.colActive': { vi: 'Hội viên đang sinh hoạt', en: 'Active members' },
  'targets.colCoverage': { vi: 'Tỷ lệ tập hợp', en: 'Coverage' },
  'targets.wholeUnit': { vi: '(chung cả đơn vị)', en: '(the whole unit)' },
  'targets.inputHint': {
    vi: 'Nhập số nguyên (ví dụ 1250). Để trống ô của đơn vị chưa có số.',
    en: 'Type whole numbers (for example 1250). Leave a unit without a number empty.',
  },
  'targets.topmostHint': {
    vi: 'Khi cả xã, phường có số chung, tỷ lệ tập hợp của xã, phường tính theo số chung đó thay cho tổng các ấp, khóm.',
    en: 'When the whole commune has a number of its own, the commune’s coverage uses it instead of the sum of its hamlets.',
  },
  'targets.figuresOf': {
    vi: 'Hội viên và tỷ lệ tập hợp: số liệu đến ngày',
    en: 'Members and coverage: figures as of',
  },
  'targets.coverageOfYear': {
    vi: 'Tỷ lệ tập hợp chỉ có cho năm của số liệu:',
    en: 'Coverage is shown only for the year of the figures:',
  },
  'targets.noFigures': {
    vi: 'Chưa có số liệu hội viên để tính tỷ lệ tập hợp.',
    en: 'No member figures yet to work out coverage.',
  },
  'targets.noUnits': {
    vi: 'Không có đơn vị nào có hiệu lực trong năm này.',
    en: 'No unit was in force during this year.',
  },
  'targets.save': { vi: 'Lưu tất cả', en: 'Save all' },
  'targets.savedCount': { vi: 'Đã lưu. Số đơn vị thay đổi:', en: 'Saved. Units changed:' },
  'targets.readOnly': {
    vi: 'Bạn được xem, không được sửa số đối tượng cần tập hợp.',
    en: 'You may read the target populations, not change them.',
  },
  'targets.notSaved': {
    vi: 'Chưa lưu số nào: vui lòng sửa các ô được đánh dấu rồi lưu lại.',
    en: 'Nothing was saved: please correct the marked cells and save again.',
  },
  'targets.changedMeanwhile': {
    vi: 'Người khác vừa sửa số này; ô đang hiện số mới nhất.',
    en: 'Someone else changed this number meanwhile; the cell shows the latest one.',
  },
} as const satisfies Record<string, Message>;
