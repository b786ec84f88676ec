/**
 * The message catalog: every sentence a user may read, Vietnamese first, English second.
 * Codes are stable (clients and tests key on them); wording may change.
 */
export interface Message {
  readonly vi: string;
  readonly en: string;
}

interface Entry {
  readonly title: Message;
  readonly detail: (params: Record<string, string>) => Message;
}

const same = (title: Message): Entry => ({ title, detail: () => title });

/** Words the unit-tree messages put in their sentences. */
const UNIT_LEVEL_WORDS: Record<string, Message> = {
  province: { vi: 'tỉnh', en: 'province' },
  district: { vi: 'huyện', en: 'district' },
  commune: { vi: 'xã, phường', en: 'commune' },
  hamlet: { vi: 'ấp, khóm', en: 'hamlet' },
};
const BRANCH_KIND_WORDS: Record<string, Message> = {
  residential: { vi: 'khu dân cư', en: 'residential' },
  professional: { vi: 'nghề nghiệp', en: 'professional' },
  agency: { vi: 'cơ quan', en: 'agency' },
};
/** Words the branch-rating messages put in their sentences. */
const RATING_WORDS: Record<string, Message> = {
  draft: { vi: 'đang soạn', en: 'a draft' },
  submitted: { vi: 'đã gửi, chờ duyệt', en: 'submitted, awaiting approval' },
  returned: { vi: 'bị trả lại', en: 'returned' },
  approved: { vi: 'đã duyệt', en: 'approved' },
  submit: { vi: 'gửi duyệt', en: 'submit' },
  approve: { vi: 'duyệt', en: 'approve' },
  return: { vi: 'trả lại', en: 'return' },
  unlock: { vi: 'mở khóa', en: 'unlock' },
  strong: { vi: 'vững mạnh', en: 'strong' },
  good: { vi: 'khá', en: 'good' },
  average: { vi: 'trung bình', en: 'average' },
  weak: { vi: 'yếu kém', en: 'weak' },
};
const ratingWord = (word: string, lang: keyof Message) => RATING_WORDS[word]?.[lang] ?? word;
const kindWord = (kind: string, lang: keyof Message) => BRANCH_KIND_WORDS[kind]?.[lang] ?? kind;
const levelWord = (level: string, lang: keyof Message) => UNIT_LEVEL_WORDS[level]?.[lang] ?? level;
const levelList = (levels: string, lang: keyof Message) =>
  levels
    .split(',')
    .map((level) => levelWord(level, lang))
    .join(lang === 'vi' ? ' hoặc ' : ' or ');
/** Users read dates as dd/mm/yyyy; an empty date is an open end. */
const viDate = (date: string) => (date ? date.split('-').reverse().join('/') : 'nay');
const enDate = (date: string) => date || 'now';

/** The columns an import needs, as its message names them (fields of shared/domain/members/import/). */
const IMPORT_COLUMN_NAMES: Record<string, Message> = {
  fullName: { vi: 'Họ và tên', en: 'full name' },
  gender: { vi: 'Giới tính', en: 'gender' },
  birthDate: { vi: 'Ngày sinh', en: 'date of birth' },
  branch: { vi: 'Chi hội', en: 'branch' },
  joinedAt: { vi: 'Ngày vào hội', en: 'joined on' },
};

export const errorMessages = {
  VALIDATION_FAILED: {
    title: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
    detail: () => ({
      vi: 'Một số trường không hợp lệ; xem danh sách lỗi bên dưới.',
      en: 'Some fields are invalid; see the list of errors.',
    }),
  },
  MALFORMED_JSON: same({ vi: 'Nội dung không phải JSON hợp lệ', en: 'The body is not valid JSON' }),
  UNSUPPORTED_MEDIA_TYPE: same({
    vi: 'Nội dung phải là application/json',
    en: 'The body must be application/json',
  }),
  BODY_TOO_LARGE: {
    title: { vi: 'Nội dung quá lớn', en: 'Body too large' },
    detail: ({ limit = '' }) => ({
      vi: `Nội dung yêu cầu vượt quá ${limit} byte.`,
      en: `The request body exceeds ${limit} bytes.`,
    }),
  },
  ROUTE_NOT_FOUND: {
    title: { vi: 'Không tìm thấy', en: 'Not found' },
    detail: ({ path = '' }) => ({
      vi: `Không có tài nguyên nào tại ${path}.`,
      en: `There is no resource at ${path}.`,
    }),
  },
  METHOD_NOT_ALLOWED: {
    title: { vi: 'Phương thức không được hỗ trợ', en: 'Method not allowed' },
    detail: ({ method = '', allow = '' }) => ({
      vi: `Không dùng được ${method} ở đây; được phép: ${allow}.`,
      en: `${method} is not allowed here; allowed: ${allow}.`,
    }),
  },
  UNAUTHENTICATED: same({
    vi: 'Cần đăng nhập: thiếu mã truy cập hoặc mã không hợp lệ, đã hết hạn',
    en: 'Sign-in required: the access token is missing, invalid or expired',
  }),
  INVALID_CREDENTIALS: same({
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng',
    en: 'Wrong username or password',
  }),
  TOO_MANY_SIGN_IN_ATTEMPTS: {
    title: { vi: 'Đăng nhập sai quá nhiều lần', en: 'Too many failed sign-ins' },
    detail: ({ retryAfter = '' }) => ({
      vi: `Vui lòng thử lại sau ${retryAfter} giây.`,
      en: `Please try again in ${retryAfter} seconds.`,
    }),
  },
  INVALID_REFRESH_TOKEN: same({
    vi: 'Mã làm mới không hợp lệ, đã dùng hoặc đã bị thu hồi; hãy đăng nhập lại',
    en: 'The refresh token is invalid, already used or revoked; sign in again',
  }),
  FORBIDDEN: same({
    vi: 'Tài khoản của bạn không có quyền thực hiện việc này',
    en: 'Your account is not allowed to do this',
  }),
  INVALID_CURSOR: same({ vi: 'Con trỏ phân trang không hợp lệ', en: 'Invalid pagination cursor' }),
  UNIT_NOT_FOUND: {
    title: { vi: 'Không tìm thấy đơn vị', en: 'Unit not found' },
    detail: ({ id = '' }) => ({ vi: `Không có đơn vị "${id}".`, en: `There is no unit "${id}".` }),
  },
  BRANCH_NOT_FOUND: {
    title: { vi: 'Không tìm thấy chi hội/chi đoàn', en: 'Branch not found' },
    detail: ({ id = '' }) => ({
      vi: `Không có chi hội/chi đoàn "${id}".`,
      en: `There is no branch "${id}".`,
    }),
  },
  PROVINCE_NOT_FOUND: {
    title: { vi: 'Không tìm thấy tỉnh', en: 'Province not found' },
    detail: ({ id = '' }) => ({ vi: `Không có tỉnh "${id}".`, en: `There is no province "${id}".` }),
  },
  PROVINCE_EXISTS: {
    title: { vi: 'Tỉnh đã được khởi tạo', en: 'Province already onboarded' },
    detail: ({ id = '' }) => ({
      vi: `Tỉnh "${id}" đã có trên hệ thống.`,
      en: `Province "${id}" is already onboarded.`,
    }),
  },
  USERNAME_TAKEN: {
    title: { vi: 'Tên đăng nhập đã được dùng', en: 'Username already taken' },
    detail: ({ username = '' }) => ({
      vi: `Tên đăng nhập "${username}" đã có người dùng.`,
      en: `The username "${username}" is already in use.`,
    }),
  },
  MEMBER_NOT_FOUND: {
    title: { vi: 'Không tìm thấy hội viên', en: 'Member not found' },
    detail: ({ id = '' }) => ({ vi: `Không có hội viên "${id}".`, en: `There is no member "${id}".` }),
  },
  NOT_ELIGIBLE: {
    title: { vi: 'Không đủ điều kiện kết nạp', en: 'Not eligible for admission' },
    detail: ({ rule = '', limit = '', age = '' }) =>
      ({
        min_age: {
          vi: `Quy định về tuổi: phải từ ${limit} tuổi trở lên khi kết nạp (người này ${age} tuổi).`,
          en: `Age rule: must be at least ${limit} when admitted (this person is ${age}).`,
        },
        max_age: {
          vi: `Quy định về tuổi: không quá ${limit} tuổi khi kết nạp (người này ${age} tuổi).`,
          en: `Age rule: must be at most ${limit} when admitted (this person is ${age}).`,
        },
        gender: {
          vi: 'Quy định về giới tính: tổ chức này chỉ kết nạp nữ.',
          en: 'Gender rule: this organization admits women only.',
        },
        military_service: {
          vi: 'Quy định về quân ngũ: cần ghi thời gian phục vụ trong quân đội (veteranService).',
          en: 'Military service rule: the service period (veteranService) is required.',
        },
      })[rule] ?? { vi: `Vi phạm quy định "${rule}".`, en: `Breaks the rule "${rule}".` },
  },
  INVALID_STATUS_TRANSITION: {
    title: { vi: 'Không chuyển được trạng thái', en: 'Status change not allowed' },
    detail: ({ from = '', to = '' }) => ({
      vi: `Không thể chuyển từ trạng thái "${from}" sang "${to}".`,
      en: `A member cannot go from "${from}" to "${to}".`,
    }),
  },
  USE_TRANSFER_OUT: same({
    vi: 'Chuyển sinh hoạt ra ngoài tổ chức dùng POST /api/v1/members/{id}/transfer-out, kèm nơi chuyển đến',
    en: 'Transfers out of the organization use POST /api/v1/members/{id}/transfer-out, with the destination',
  }),
  CANNOT_GRADUATE: {
    title: { vi: 'Chưa đến tuổi trưởng thành Đoàn', en: 'Not coming of age' },
    detail: ({ age = '' }) => ({
      vi: `Chỉ đoàn viên Đoàn Thanh niên tròn 30 tuổi trong năm mới được trưởng thành Đoàn (năm đó người này ${age} tuổi).`,
      en: `Only Youth Union members turning 30 in the year can come of age (this member is ${age} that year).`,
    }),
  },
  EFFECTIVE_DATE_OUT_OF_RANGE: {
    title: { vi: 'Ngày hiệu lực không hợp lệ', en: 'Effective date out of range' },
    detail: ({ from = '', to = '' }) => ({
      vi: `Ngày hiệu lực phải từ ${from} đến ${to}.`,
      en: `The effective date must be between ${from} and ${to}.`,
    }),
  },
  MEMBERSHIP_ENDED: {
    title: { vi: 'Hội viên đã kết thúc sinh hoạt', en: 'Membership has ended' },
    detail: ({ status = '' }) => ({
      vi: `Hội viên ở trạng thái "${status}"; không thể sửa hay chuyển.`,
      en: `The member is "${status}"; it can no longer be edited or moved.`,
    }),
  },
  NATIONAL_ID_TAKEN: same({
    vi: 'Số CCCD này đã thuộc một hội viên khác của tổ chức',
    en: 'This national ID number already belongs to another member of the organization',
  }),
  PRECONDITION_FAILED: same({
    vi: 'Hồ sơ đã được người khác sửa; hãy tải lại rồi sửa lại',
    en: 'The record was changed meanwhile; reload it and apply your change again',
  }),
  PRECONDITION_REQUIRED: same({
    vi: 'Cần gửi tiêu đề If-Match với ETag của hồ sơ đã đọc',
    en: 'Send an If-Match header with the ETag of the record you read',
  }),
  INVALID_IDEMPOTENCY_KEY: same({
    vi: 'Idempotency-Key phải dài 1–255 ký tự in được',
    en: 'Idempotency-Key must be 1–255 printable characters',
  }),
  IDEMPOTENCY_KEY_REUSED: same({
    vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác',
    en: 'This Idempotency-Key was already used for a different request',
  }),
  SENSITIVE_FIELDS_FORBIDDEN: same({
    vi: 'Tài khoản của bạn không được xem hay ghi dân tộc, tôn giáo, đảng viên',
    en: 'Your account may not read or write ethnicity, religion or Party membership',
  }),
  BRANCH_CLOSED: {
    title: { vi: 'Chi hội/chi đoàn đã giải thể', en: 'Branch dissolved' },
    detail: ({ id = '' }) => ({
      vi: `Chi hội/chi đoàn "${id}" đã giải thể hoặc đang giải thể.`,
      en: `The branch "${id}" is dissolved or being dissolved.`,
    }),
  },
  SAME_BRANCH: same({
    vi: 'Hội viên đã sinh hoạt ở chi hội/chi đoàn này',
    en: 'The member already belongs to this branch',
  }),
  TRANSFER_NOT_FOUND: {
    title: { vi: 'Không tìm thấy hồ sơ chuyển đến', en: 'Incoming transfer not found' },
    detail: ({ id = '' }) => ({
      vi: `Không có hồ sơ chuyển đến "${id}".`,
      en: `There is no incoming transfer "${id}".`,
    }),
  },
  TRANSFER_ALREADY_ACCEPTED: same({
    vi: 'Hồ sơ chuyển đến này đã được tiếp nhận',
    en: 'This incoming transfer was already accepted',
  }),
  UNIT_EXISTS: {
    title: { vi: 'Đơn vị đã có', en: 'Unit already exists' },
    detail: ({ id = '', name = '' }) =>
      name
        ? {
            vi: `Xã, phường đã có ấp, khóm "${name}": "${id}".`,
            en: `The commune already has the hamlet "${name}": "${id}".`,
          }
        : { vi: `Đã có đơn vị "${id}".`, en: `There is already a unit "${id}".` },
  },
  MAP_PROPOSAL_NOT_FOUND: {
    title: { vi: 'Không tìm thấy đề xuất', en: 'Proposal not found' },
    detail: ({ id = '' }) => ({
      vi: `Không có đề xuất ấp, khóm "${id}" trong tỉnh.`,
      en: `There is no hamlet proposal "${id}" in the province.`,
    }),
  },
  MAP_PROPOSAL_DECIDED: {
    title: { vi: 'Đề xuất đã được xử lý', en: 'Proposal already decided' },
    detail: ({ status = '' }) =>
      status === 'accepted'
        ? { vi: 'Đề xuất này đã được chấp thuận.', en: 'This proposal was already accepted.' }
        : { vi: 'Đề xuất này đã bị từ chối.', en: 'This proposal was already rejected.' },
  },
  REORGANIZATION_NOT_FOUND: {
    title: { vi: 'Không tìm thấy đợt sắp xếp', en: 'Reorganization not found' },
    detail: ({ id = '' }) => ({
      vi: `Không có đợt sắp xếp đơn vị hành chính "${id}" trong tỉnh.`,
      en: `There is no reorganization "${id}" in the province.`,
    }),
  },
  REORGANIZATION_NOT_IN_FORCE: {
    title: { vi: 'Chưa đến ngày có hiệu lực', en: 'Not in force yet' },
    detail: ({ date = '' }) => ({
      vi: `Việc sắp xếp có hiệu lực từ ngày ${viDate(date)}: chỉ áp dụng vào bản đồ từ ngày đó.`,
      en: `The reorganization takes effect on ${enDate(date)}: it is applied to the map from that day.`,
    }),
  },
  REORGANIZATION_UNFINISHED: {
    title: { vi: 'Việc sắp xếp chưa hoàn tất', en: 'Reorganization not finished' },
    detail: () => ({
      vi: 'Bản đồ chưa được cập nhật xong theo đợt sắp xếp này: người chỉnh sửa bản đồ gửi lại yêu cầu để hoàn tất.',
      en: 'The map is not fully changed by this reorganization yet: a map editor repeats the request to finish it.',
    }),
  },
  UNIT_RULE_VIOLATED: {
    title: { vi: 'Vi phạm quy tắc của cây đơn vị', en: 'Breaks a rule of the unit tree' },
    detail: ({
      rule = '',
      level = '',
      parentLevel = '',
      parentId = '',
      allowed = '',
      from = '',
      to = '',
      digits = '',
      id = '',
      day = '',
    }) =>
      ({
        parent_level: {
          vi: `Đơn vị cấp ${levelWord(level, 'vi')} phải trực thuộc cấp ${levelList(allowed, 'vi')}; "${parentId}" là cấp ${levelWord(parentLevel, 'vi')}.`,
          en: `A ${levelWord(level, 'en')} must sit under a ${levelList(allowed, 'en')}; "${parentId}" is a ${levelWord(parentLevel, 'en')}.`,
        },
        province_root: {
          vi: 'Không tạo tỉnh ở đây: tỉnh được tạo khi đưa tỉnh lên hệ thống.',
          en: 'Provinces are not created here: they are created when a province is onboarded.',
        },
        outside_parent: {
          vi: `Thời gian hiệu lực phải nằm trong thời gian hiệu lực của đơn vị cha "${parentId}" (${viDate(from)} – ${viDate(to)}).`,
          en: `The validity must lie within that of the parent unit "${parentId}" (${enDate(from)} – ${enDate(to)}).`,
        },
        id_required: {
          vi: `Đơn vị cấp ${levelWord(level, 'vi')} cần mã (id hoặc code).`,
          en: `A ${levelWord(level, 'en')} needs an id or an official code.`,
        },
        hamlet_id: {
          vi: `Mã ấp, khóm phải có dạng "${parentId}-<số>", hoặc bỏ trống để hệ thống tự cấp.`,
          en: `A hamlet id reads "${parentId}-<number>"; leave it out to have one generated.`,
        },
        code_format: digits
          ? {
              vi: `Mã chính thức cấp ${levelWord(level, 'vi')} gồm ${digits} chữ số.`,
              en: `An official ${levelWord(level, 'en')} code has ${digits} digits.`,
            }
          : { vi: 'Ấp, khóm không có mã chính thức.', en: 'Hamlets have no official code.' },
        ends_before_start: {
          vi: `Ngày hết hiệu lực không được trước ngày ${viDate(from)}.`,
          en: `The end date cannot be before ${enDate(from)}.`,
        },
        rename_date: {
          vi: `Ngày đổi tên phải từ ${viDate(from)} đến ${viDate(to)}.`,
          en: `The renaming date must be between ${enDate(from)} and ${enDate(to)}.`,
        },
        successor_needs_end: {
          vi: 'Chỉ đơn vị đã hết hiệu lực (có validTo) mới có đơn vị kế thừa.',
          en: 'Only a closed unit (one with validTo) can have a successor.',
        },
        successor_self: { vi: 'Đơn vị không thể tự kế thừa chính nó.', en: 'A unit cannot succeed itself.' },
        successor_level: {
          vi: `Đơn vị kế thừa phải cùng cấp ${levelWord(level, 'vi')}.`,
          en: `The successor must also be a ${levelWord(level, 'en')}.`,
        },
        successor_not_valid: {
          vi: `Đơn vị kế thừa "${id}" phải có hiệu lực vào ngày ${viDate(day)}, ngày sau khi đơn vị này hết hiệu lực.`,
          en: `The successor "${id}" must exist on ${enDate(day)}, the day after this unit closes.`,
        },
        unit_closed: {
          vi: `Đơn vị "${id}" không còn hiệu lực vào ngày sắp xếp (${viDate(from)} – ${viDate(to)}).`,
          en: `The unit "${id}" is not in force on the day of the reorganization (${enDate(from)} – ${enDate(to)}).`,
        },
        merge_parent: {
          vi: `Chỉ sáp nhập các đơn vị cùng trực thuộc "${parentId}".`,
          en: `Only units under the same parent ("${parentId}") are merged.`,
        },
        merge_level: {
          vi: 'Chỉ sáp nhập ấp, khóm hoặc xã, phường.',
          en: 'Only hamlets, or communes, are merged.',
        },
        move_same_parent: {
          vi: 'Ấp, khóm đã thuộc xã, phường này.',
          en: 'The hamlet already lies in this commune.',
        },
      })[rule] ?? { vi: `Vi phạm quy tắc "${rule}".`, en: `Breaks the rule "${rule}".` },
  },
  BRANCH_RULE_VIOLATED: {
    title: {
      vi: 'Không lập được chi hội/chi đoàn ở đơn vị này',
      en: 'No such branch can be set up in this unit',
    },
    detail: ({ rule = '', kind = '', level = '', unitId = '', allowed = '', from = '', to = '' }) =>
      ({
        unit_level: {
          vi: `Chi hội/chi đoàn ${BRANCH_KIND_WORDS[kind]?.vi ?? kind} phải đặt ở cấp ${levelList(allowed, 'vi')}; "${unitId}" là cấp ${levelWord(level, 'vi')}.`,
          en: `A ${BRANCH_KIND_WORDS[kind]?.en ?? kind} branch must be set up in a ${levelList(allowed, 'en')}; "${unitId}" is a ${levelWord(level, 'en')}.`,
        },
        unit_closed: {
          vi: `Đơn vị "${unitId}" không có hiệu lực hôm nay (${viDate(from)} – ${viDate(to)}).`,
          en: `The unit "${unitId}" is not in force today (${enDate(from)} – ${enDate(to)}).`,
        },
      })[rule] ?? { vi: `Vi phạm quy tắc "${rule}".`, en: `Breaks the rule "${rule}".` },
  },
  INTERNAL: same({
    vi: 'Lỗi hệ thống; vui lòng thử lại sau',
    en: 'Internal error; please try again later',
  }),
  WRITE_CONFLICT: {
    title: { vi: 'Dữ liệu đang được cập nhật cùng lúc', en: 'Data being changed at the same moment' },
    detail: ({ retryAfter = '' }) => ({
      vi: `Một thay đổi khác trên cùng dữ liệu đang được lưu nên thay đổi của bạn chưa được lưu. Vui lòng gửi lại sau ${retryAfter} giây.`,
      en: `Another change to the same records was being saved, so yours was not saved. Please send it again in ${retryAfter} seconds.`,
    }),
  },
  SERVICE_BUSY: {
    title: { vi: 'Hệ thống đang quá tải', en: 'Service busy' },
    detail: ({ retryAfter = '' }) => ({
      vi: `Hệ thống đang nhận quá nhiều yêu cầu nên thay đổi của bạn chưa được lưu. Vui lòng gửi lại sau ${retryAfter} giây.`,
      en: `The service is receiving too many requests, so your change was not saved. Please send it again in ${retryAfter} seconds.`,
    }),
  },
  TARGET_NOT_FOUND: {
    title: { vi: 'Chưa có số đối tượng cần tập hợp', en: 'No target population set' },
    detail: ({ id = '', year = '' }) => ({
      vi: `Đơn vị "${id}" chưa có số đối tượng trong độ tuổi cần tập hợp năm ${year}.`,
      en: `The unit "${id}" has no target population for ${year}.`,
    }),
  },
  UNIT_NOT_IN_FORCE_IN_YEAR: {
    title: { vi: 'Đơn vị không có hiệu lực trong năm này', en: 'The unit did not exist that year' },
    detail: ({ id = '', year = '', from = '', to = '' }) => ({
      vi: `Đơn vị "${id}" không có hiệu lực trong năm ${year} (${viDate(from)} – ${viDate(to)}).`,
      en: `The unit "${id}" was not in force during ${year} (${enDate(from)} – ${enDate(to)}).`,
    }),
  },
  NO_FIGURES_FOR_DATE: {
    title: { vi: 'Chưa có số liệu cho ngày này', en: 'No figures for this date' },
    detail: ({ date = '' }) => ({
      vi: `Không có số liệu chốt nào vào hoặc trước ngày ${viDate(date)}.`,
      en: `No figures were recorded on or before ${enDate(date)}.`,
    }),
  },
  SNAPSHOT_EXISTS: {
    title: { vi: 'Số liệu ngày này đã được chốt', en: 'These figures are already snapshotted' },
    detail: ({ date = '', revision = '1' }) => ({
      vi: `Số liệu ngày ${viDate(date)} đã được chốt (lần ${revision}) và không thể ghi đè. Nếu cần sửa, hãy tạo bản điều chỉnh có nêu lý do.`,
      en: `The figures of ${enDate(date)} were already snapshotted (revision ${revision}) and cannot be overwritten. To correct them, make a revision with a reason.`,
    }),
  },
  SNAPSHOT_NOT_FOUND: {
    title: { vi: 'Chưa chốt số liệu ngày này', en: 'No snapshot of this date' },
    detail: ({ date = '' }) => ({
      vi: `Chưa có số liệu chốt ngày ${viDate(date)} để điều chỉnh.`,
      en: `There is no snapshot of ${enDate(date)} to revise.`,
    }),
  },
  DATE_BEFORE_ONBOARDING: {
    title: { vi: 'Ngày trước khi đơn vị tham gia hệ thống', en: 'A date before onboarding' },
    detail: ({ date = '', onboarded = '' }) => ({
      vi: `Không thể chốt số liệu ngày ${viDate(date)}: tổ chức bắt đầu dùng hệ thống từ ngày ${viDate(onboarded)}.`,
      en: `Figures of ${enDate(date)} cannot be snapshotted: the organization has been on the platform since ${enDate(onboarded)}.`,
    }),
  },
  MAP_EDITOR_NOT_GRANTABLE: {
    title: { vi: 'Không cấp được quyền sửa bản đồ', en: 'Map editing cannot be granted' },
    detail: ({ username = '', provinceId = '' }) => ({
      vi: `Không có tài khoản quản trị tổ chức "${username}" của tỉnh ${provinceId}.`,
      en: `There is no organization admin account "${username}" in the province ${provinceId}.`,
    }),
  },
  PARTY_MEMBER_ALREADY: same({
    vi: 'Hội viên đã là đảng viên, không giới thiệu cho Đảng nữa',
    en: 'The member is already a Party member and is not introduced again',
  }),
  PARTY_INTRODUCTION_PENDING: {
    title: { vi: 'Đang chờ Đảng xem xét', en: 'An introduction is pending' },
    detail: ({ date = '' }) => ({
      vi: `Hội viên đã được giới thiệu ngày ${viDate(date)} và đang chờ kết quả; ghi kết quả trước khi giới thiệu lại.`,
      en: `The member was introduced on ${enDate(date)} and awaits the answer; record it before introducing them again.`,
    }),
  },
  PARTY_INTRODUCTION_NOT_FOUND: {
    title: { vi: 'Không tìm thấy lần giới thiệu', en: 'Introduction not found' },
    detail: ({ id = '' }) => ({
      vi: `Hội viên không có lần giới thiệu cho Đảng "${id}".`,
      en: `The member has no introduction to the Party "${id}".`,
    }),
  },
  PARTY_INTRODUCTION_DECIDED: {
    title: { vi: 'Đã có kết quả', en: 'Already decided' },
    detail: ({ date = '' }) => ({
      vi: `Lần giới thiệu này đã có kết quả ngày ${viDate(date)}; không sửa được.`,
      en: `This introduction was decided on ${enDate(date)} and cannot be changed.`,
    }),
  },
  RATING_CRITERIA_NOT_FOUND: {
    title: { vi: 'Chưa có bộ tiêu chí đánh giá', en: 'No rating criteria' },
    detail: ({ year = '', kind = '' }) => ({
      vi: `Tổ chức chưa có bộ tiêu chí đánh giá, xếp loại năm ${year} cho chi hội, chi đoàn ${kindWord(kind, 'vi')}.`,
      en: `The organization has no rating criteria for ${year} for ${kindWord(kind, 'en')} branches.`,
    }),
  },
  RATING_CRITERIA_IN_USE: {
    title: { vi: 'Bộ tiêu chí đã được dùng', en: 'The criteria are in use' },
    detail: ({ year = '', kind = '' }) => ({
      vi: `Đã có chi hội, chi đoàn ${kindWord(kind, 'vi')} gửi đánh giá theo bộ tiêu chí năm ${year}; không sửa bộ tiêu chí được nữa.`,
      en: `A ${kindWord(kind, 'en')} branch has submitted a rating by the ${year} criteria; they can no longer change.`,
    }),
  },
  RATING_CRITERIA_CHANGED: {
    title: { vi: 'Bộ tiêu chí đã thay đổi', en: 'The criteria changed' },
    detail: ({ year = '' }) => ({
      vi: `Bộ tiêu chí năm ${year} đã được sửa sau khi lưu bản đánh giá này; mở lại, kiểm tra và lưu trước khi gửi.`,
      en: `The ${year} criteria changed after this rating was saved; open it, check it and save it before submitting.`,
    }),
  },
  RATING_NOT_FOUND: {
    title: { vi: 'Chưa có bản đánh giá', en: 'Rating not found' },
    detail: ({ year = '' }) => ({
      vi: `Chi hội, chi đoàn này chưa có bản đánh giá, xếp loại năm ${year}.`,
      en: `This branch has no rating for ${year}.`,
    }),
  },
  RATING_NOT_EDITABLE: {
    title: { vi: 'Không sửa được bản đánh giá', en: 'The rating cannot be edited' },
    detail: ({ state = '' }) => ({
      vi: `Bản đánh giá ${ratingWord(state, 'vi')}: chỉ sửa được khi đang soạn hoặc bị trả lại.`,
      en: `The rating is ${ratingWord(state, 'en')}: it can be edited only as a draft or once returned.`,
    }),
  },
  RATING_INVALID_TRANSITION: {
    title: { vi: 'Không thực hiện được với bản đánh giá này', en: 'Not possible for this rating' },
    detail: ({ state = '', action = '' }) => ({
      vi: `Bản đánh giá ${ratingWord(state, 'vi')}: không ${ratingWord(action, 'vi')} được.`,
      en: `The rating is ${ratingWord(state, 'en')}: ${ratingWord(action, 'en')} is not possible now.`,
    }),
  },
  RATING_INCOMPLETE: {
    title: { vi: 'Chưa đánh giá đủ tiêu chí', en: 'Criteria left unanswered' },
    detail: ({ missing = '' }) => ({
      vi: `Cần đánh giá mọi tiêu chí trước khi gửi; còn thiếu: ${missing}.`,
      en: `Every criterion must be answered before submitting; missing: ${missing}.`,
    }),
  },
  RATING_OVERRIDE_NEEDS_REASON: {
    title: { vi: 'Cần nêu lý do xếp loại khác', en: 'A different level needs a reason' },
    detail: ({ proposed = '', level = '' }) => ({
      vi: `Điểm đánh giá đề xuất xếp loại "${ratingWord(proposed, 'vi')}"; xếp loại "${ratingWord(level, 'vi')}" cần nêu lý do.`,
      en: `The scores propose "${ratingWord(proposed, 'en')}"; rating it "${ratingWord(level, 'en')}" needs a reason.`,
    }),
  },
  REVIEW_NOT_FOUND: {
    title: { vi: 'Chưa mở đợt rà soát', en: 'No review campaign' },
    detail: ({ year = '' }) => ({
      vi: `Tổ chức chưa mở đợt rà soát, phân loại hội viên năm ${year}.`,
      en: `The organization has not opened a member review for ${year}.`,
    }),
  },
  REVIEW_EXISTS: {
    title: { vi: 'Đã mở đợt rà soát', en: 'The review campaign exists' },
    detail: ({ year = '' }) => ({
      vi: `Đợt rà soát, phân loại hội viên năm ${year} đã được mở; mỗi năm chỉ có một đợt.`,
      en: `The member review for ${year} is already open; there is one a year.`,
    }),
  },
  REVIEW_CLOSED: {
    title: { vi: 'Đợt rà soát đã kết thúc', en: 'The review campaign is closed' },
    detail: ({ year = '' }) => ({
      vi: `Đợt rà soát năm ${year} đã kết thúc: không xác nhận thêm được; thay đổi tình trạng hội viên thì ghi như thường lệ.`,
      en: `The ${year} review is closed: nothing more can be confirmed; change a member’s status the ordinary way.`,
    }),
  },
  REVIEW_INCOMPLETE: {
    title: { vi: 'Chưa rà soát hết hội viên', en: 'Members left to review' },
    detail: ({ missing = '' }) => ({
      vi: `Còn ${missing} hội viên của chi hội chưa được rà soát; xác nhận hết trước khi báo hoàn thành.`,
      en: `${missing} members of the branch are not reviewed yet; confirm them all before declaring it done.`,
    }),
  },
  API_KEY_NOT_FOUND: same({
    vi: 'Không tìm thấy khóa API',
    en: 'API key not found',
  }),
  API_KEY_RATE_LIMITED: {
    title: { vi: 'Khóa API gửi quá nhiều yêu cầu', en: 'Too many requests with this API key' },
    detail: ({ retryAfter = '', limit = '' }) => ({
      vi: `Mỗi khóa API được gửi tối đa ${limit} yêu cầu mỗi phút. Vui lòng thử lại sau ${retryAfter} giây.`,
      en: `An API key may make at most ${limit} requests a minute. Please try again in ${retryAfter} seconds.`,
    }),
  },
  WEBHOOK_NOT_FOUND: same({ vi: 'Không tìm thấy webhook', en: 'Webhook not found' }),
  WEBHOOK_DELIVERY_NOT_FOUND: same({
    vi: 'Không tìm thấy lần gửi webhook',
    en: 'Webhook delivery not found',
  }),
  WEBHOOK_LIMIT_REACHED: {
    title: { vi: 'Đã đủ số webhook cho phép', en: 'Too many webhooks' },
    detail: ({ limit = '' }) => ({
      vi: `Mỗi tổ chức đăng ký tối đa ${limit} webhook; hãy xóa một webhook không dùng trước khi thêm.`,
      en: `An organization registers at most ${limit} webhooks; delete one it no longer uses first.`,
    }),
  },
  IMPORT_COLUMNS_MISSING: {
    title: { vi: 'Tệp thiếu cột bắt buộc', en: 'The file lacks required columns' },
    detail: ({ columns = '' }) => {
      const named = columns
        .split(', ')
        .map((field) => IMPORT_COLUMN_NAMES[field] ?? { vi: field, en: field });
      return {
        vi: `Dòng đầu của tệp cần có các cột: Họ và tên, Giới tính, Ngày sinh, Chi hội (hoặc Chi đoàn), Ngày vào hội. Còn thiếu: ${named.map((n) => n.vi).join(', ')}.`,
        en: `The file's first row needs the columns: full name, gender, date of birth, branch, joined on. Missing: ${named.map((n) => n.en).join(', ')}.`,
      };
    },
  },
  IMPORT_HAS_ERRORS: {
    title: { vi: 'Tệp còn dòng bị lỗi, chưa nhập', en: 'The file has rows in error: nothing imported' },
    detail: ({ rows = '' }) => ({
      vi: `${rows} dòng còn lỗi. Chưa ghi dòng nào; hãy kiểm tra tệp, sửa các dòng đó rồi gửi lại.`,
      en: `${rows} rows are in error. Nothing was written; check the file, fix those rows and send it again.`,
    }),
  },
  IMPORT_UNREADABLE: same({
    vi: 'Không đọc được tệp: cần tệp Excel (.xlsx) hoặc CSV',
    en: 'The file cannot be read: an Excel (.xlsx) or CSV file is needed',
  }),
  IMPORT_FILE_TYPE: same({
    vi: 'Cần gửi tệp Excel (.xlsx) hoặc CSV, với Content-Type tương ứng',
    en: 'Send an Excel (.xlsx) or CSV file, with its Content-Type',
  }),
  IMPORT_NOT_UTF8: same({
    vi: 'Tệp CSV không ở bảng mã UTF-8; hãy lưu lại bằng "CSV UTF-8" trong Excel',
    en: 'The CSV file is not UTF-8; save it again as "CSV UTF-8" in Excel',
  }),
  IMPORT_NOT_FOUND: same({ vi: 'Không tìm thấy lần nhập danh sách này', en: 'Import not found' }),
  IMPORT_NOT_UPLOADED: {
    title: { vi: 'Tệp chưa được tải lên đủ', en: 'The file has not been uploaded whole' },
    detail: ({ size = '' }) => ({
      vi: `Chưa thấy tệp ${size} byte đã báo: hãy tải tệp lên bằng đường dẫn đã nhận (còn hạn) rồi bắt đầu nhập.`,
      en: `The announced ${size}-byte file is not there: upload it with the link given (while it is valid), then start the import.`,
    }),
  },
  EXPORT_NOT_FOUND: same({ vi: 'Không tìm thấy lần xuất danh sách này', en: 'Export not found' }),
} satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof errorMessages;

/** Per-field messages for validation errors, keyed by zod's issue codes. */
export const fieldMessages: Record<string, Message> = {
  invalid_type: { vi: 'Sai kiểu dữ liệu hoặc bị thiếu', en: 'Wrong type or missing' },
  too_small: { vi: 'Quá ngắn hoặc quá nhỏ', en: 'Too short or too small' },
  too_big: { vi: 'Quá dài hoặc quá lớn', en: 'Too long or too large' },
  invalid_format: { vi: 'Sai định dạng', en: 'Wrong format' },
  invalid_value: { vi: 'Giá trị không được chấp nhận', en: 'Value not allowed' },
  unrecognized_keys: { vi: 'Trường không được hỗ trợ', en: 'Unknown field' },
  custom: { vi: 'Giá trị không hợp lệ', en: 'Invalid value' },
  // A member list's cells (shared/domain/members/import/).
  required: { vi: 'Bắt buộc, đang để trống', en: 'Required, left empty' },
  legacy_encoding: {
    vi: 'Chữ gõ theo bảng mã cũ (TCVN3/ABC hoặc VNI); hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey)',
    en: 'Text in a legacy encoding (TCVN3/ABC or VNI); convert it to Unicode (e.g. with Unikey’s converter)',
  },
  date_format: {
    vi: 'Ngày phải ghi dạng ngày/tháng/năm, ví dụ 07/03/1985',
    en: 'Dates are day/month/year, e.g. 07/03/1985',
  },
  gender_word: { vi: 'Ghi "Nam" hoặc "Nữ"', en: 'Write "Nam" or "Nữ"' },
  national_id_cmnd: {
    vi: 'Số CMND 9 số cũ không còn dùng; để trống, cần bổ sung số CCCD 12 số sau',
    en: 'An old 9-digit CMND is no longer used: left empty, add the 12-digit CCCD later',
  },
  phone_format: {
    vi: 'Số điện thoại không đúng, ví dụ 0912 345 678',
    en: 'Not a phone number, e.g. 0912 345 678',
  },
  status_word: {
    vi: 'Tình trạng ghi là "Có mặt", "Đi làm ăn xa" hoặc "Bỏ sinh hoạt"',
    en: 'Status is "Có mặt", "Đi làm ăn xa" or "Bỏ sinh hoạt"',
  },
  branch_unknown: {
    vi: 'Không có chi hội tên này trong đơn vị đã chọn',
    en: 'No branch of this name in the chosen unit',
  },
  branch_ambiguous: {
    vi: 'Nhiều chi hội cùng tên; ghi thêm cột Ấp/Khóm hoặc dùng mã chi hội',
    en: 'Several branches have this name; add the hamlet column or use the branch id',
  },
  commune_unknown: {
    vi: 'Không có xã, phường tên hoặc mã này trong đơn vị đã chọn (kể cả trong bảng chuyển đổi năm 2025)',
    en: 'No commune of this name or code in the chosen unit (nor in the 2025 conversion table)',
  },
  commune_old: {
    vi: 'Xã, phường trước sắp xếp năm 2025: đã đọc là xã, phường mới theo bảng chuyển đổi chính thức',
    en: 'A commune from before the 2025 merger: read as the new commune the official conversion table names',
  },
  duplicate_in_file: {
    vi: 'Trùng người với một dòng trước trong tệp',
    en: 'The same person as an earlier row of the file',
  },
  sensitive_not_imported: {
    vi: 'Trường nhạy cảm: tài khoản này không được ghi, cột được bỏ qua',
    en: 'A sensitive field this account may not write: the column is left out',
  },
  not_eligible: { vi: 'Không đáp ứng điều kiện kết nạp', en: 'Does not meet the admission rule' },
  required_when_away: { vi: 'Bắt buộc khi đi làm ăn xa', en: 'Required when working away' },
  out_of_range: { vi: 'Ngoài khoảng cho phép', en: 'Out of the allowed range' },
  no_searchable_word: { vi: 'Cần ít nhất một chữ hoặc số để tìm', en: 'Type at least one letter or digit' },
  national_id_format: { vi: 'CCCD phải gồm đúng 12 chữ số', en: 'A national ID has exactly 12 digits' },
  national_id_province: {
    vi: 'Ba số đầu không phải mã tỉnh nơi đăng ký khai sinh',
    en: 'The first three digits are not a province code of birth registration',
  },
  national_id_gender_century: {
    vi: 'Số thứ tư không khớp giới tính và thế kỷ sinh',
    en: 'The fourth digit does not match the gender and century of birth',
  },
  national_id_birth_year: {
    vi: 'Số thứ năm và sáu không khớp năm sinh',
    en: 'The fifth and sixth digits do not match the birth year',
  },
  https_required: {
    vi: 'Địa chỉ phải bắt đầu bằng https://',
    en: 'The address must start with https://',
  },
  aggregate_events_only: {
    vi: 'Mặt trận chỉ nhận sự kiện số liệu tổng hợp (unit.target_set, snapshot.taken)',
    en: 'The Front receives aggregate events only (unit.target_set, snapshot.taken)',
  },
  sensitive_field: { vi: 'Trường nhạy cảm: bạn không có quyền', en: 'Sensitive field: not allowed for you' },
  not_found: { vi: 'Không tìm thấy', en: 'Not found' },
  required_for_kind: { vi: 'Bắt buộc với loại chi hội/chi đoàn này', en: 'Required for this kind of branch' },
  not_for_kind: { vi: 'Không dùng cho loại chi hội/chi đoàn này', en: 'Not used by this kind of branch' },
  same_tenant: {
    vi: 'Không thể chuyển sinh hoạt ra ngoài tới chính tổ chức này; hãy chuyển chi hội/chi đoàn',
    en: 'A transfer out cannot go to this same organization; move the member to another branch instead',
  },
  unknown_tenant: {
    vi: 'Tổ chức nhận không có trên hệ thống; bỏ trống tenantId và chỉ ghi mô tả nơi chuyển đến',
    en: 'The receiving organization is not on the platform; leave tenantId empty and describe the destination',
  },
  unknown_unit: {
    vi: 'Tổ chức nhận không có đơn vị này',
    en: 'The receiving organization has no such unit',
  },
  unit_without_tenant: {
    vi: 'Chỉ ghi đơn vị nhận khi tổ chức nhận có trên hệ thống (tenantId)',
    en: 'A receiving unit needs the receiving organization (tenantId)',
  },
  not_a_split_part: {
    vi: 'Không phải đơn vị mới của lần chia tách này',
    en: 'Not one of the new units of this split',
  },
  not_in_unit: {
    vi: 'Chi hội/chi đoàn này không thuộc đơn vị đã chọn',
    en: 'This branch does not belong to the chosen unit',
  },
  same_branch: {
    vi: 'Không thể chuyển hội viên về chính chi hội/chi đoàn đang giải thể',
    en: 'Members cannot move to the branch being dissolved',
  },
  members_without_destination: {
    vi: 'Có hội viên chưa có nơi chuyển: chọn nơi chuyển chung hoặc nơi chuyển riêng cho từng người',
    en: 'Some members have nowhere to go: choose where members go, or a destination for each of them',
  },
  not_in_branch: {
    vi: 'Có người được chọn nơi chuyển nhưng không còn là hội viên của chi hội này',
    en: 'A destination was chosen for someone who is no longer a member of this branch',
  },
  control_character: {
    vi: 'Có ký tự điều khiển hoặc ký tự ẩn (như xuống dòng, ký tự rộng bằng 0, đổi chiều chữ)',
    en: 'Contains a control or invisible character (such as a line break, zero-width space or direction override)',
  },
  lone_surrogate: { vi: 'Có ký tự Unicode hỏng', en: 'Contains a broken Unicode character' },
  too_many_combining_marks: {
    vi: 'Quá nhiều dấu chồng lên một chữ',
    en: 'Too many combining marks on one letter',
  },
  duplicate_id: { vi: 'Trùng mã với một mục khác', en: 'The same id as another entry' },
  pass_above_max: { vi: 'Điểm đạt lớn hơn điểm tối đa', en: 'The pass mark is above the maximum' },
  threshold_order: {
    vi: 'Ngưỡng phải giảm dần: vững mạnh > khá > trung bình',
    en: 'Thresholds must decrease: strong > good > average',
  },
  standard_without_required: {
    vi: 'Tiêu chuẩn cần ít nhất một tiêu chí bắt buộc',
    en: 'A standard needs at least one required criterion',
  },
  unknown_criterion: { vi: 'Không có tiêu chí này trong bộ tiêu chí', en: 'No such criterion in the set' },
  answer_kind: {
    vi: 'Tiêu chí có/không ghi "met", tiêu chí chấm điểm ghi "score"',
    en: 'Yes/no criteria take "met", scored criteria "score"',
  },
  required_for_override: {
    vi: 'Bắt buộc khi xếp loại khác mức điểm đề xuất',
    en: 'Required when the level differs from the proposed one',
  },
  not_a_current_member: {
    vi: 'Không phải hội viên hiện tại của chi hội này',
    en: 'Not a current member of this branch',
  },
  required_for_change: {
    vi: 'Bắt buộc khi thay đổi tình trạng hội viên',
    en: 'Required when the status changes',
  },
  only_with_change: {
    vi: 'Chỉ ghi khi thay đổi tình trạng hội viên',
    en: 'Only with a change of status',
  },
  api_key_expiry: {
    vi: 'Ngày hết hạn phải sau thời điểm hiện tại và không quá một năm',
    en: 'The expiry must be in the future and at most one year away',
  },
};

const fallbackFieldMessage: Message = { vi: 'Giá trị không hợp lệ', en: 'Invalid value' };

/** What is wrong with a field, by its code, as `errors` entries and an import's problems say it. */
export const fieldMessageOf = (code: string): Message => fieldMessages[code] ?? fallbackFieldMessage;
