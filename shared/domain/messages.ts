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
  INTERNAL: same({
    vi: 'Lỗi hệ thống; vui lòng thử lại sau',
    en: 'Internal error; please try again later',
  }),
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
};

export const fallbackFieldMessage: Message = { vi: 'Giá trị không hợp lệ', en: 'Invalid value' };
