/**
 * Generated from the OpenAPI document by openapi-typescript (npm run api:generate): do not edit.
 * The contract tests regenerate it and fail when it differs from the document the app serves.
 */
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness / Tình trạng hoạt động */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in / Đăng nhập */
        post: operations["signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for a new pair / Làm mới mã truy cập */
        post: operations["refreshToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: revoke a refresh token and its family / Đăng xuất */
        post: operations["revokeToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public keys that verify access tokens */
        get: operations["getJsonWebKeySet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user / Người dùng hiện tại */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/provinces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Onboard a province / Khởi tạo tỉnh */
        post: operations["onboardProvince"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/provinces/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A province and its tenants / Thông tin tỉnh */
        get: operations["getProvince"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/provinces/{id}/map-editors/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Let an organization admin of the province edit its map / Cấp quyền sửa bản đồ hành chính
         * @description Takes effect at the account's next sign-in or token refresh. Granting twice changes nothing.
         */
        put: operations["grantMapEditor"];
        post?: never;
        /**
         * Take map editing back / Thu hồi quyền sửa bản đồ hành chính
         * @description Takes effect at the account's next token refresh (access tokens live 15 minutes).
         */
        delete: operations["revokeMapEditor"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Units under a parent, by name; top-level units without parentId / Danh sách đơn vị */
        get: operations["listUnits"];
        put?: never;
        /**
         * Add a unit under a parent; a hamlet without id gets <communeId>-<nn> / Thêm đơn vị
         * @description Map editors only (front_admin, an org_admin granted map_editor). A hamlet whose name folds like another of its commune is 409 UNIT_EXISTS with existingId.
         */
        post: operations["createUnit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One unit, with its former names and successor / Một đơn vị */
        get: operations["getUnit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename, recode or close a unit (with its successor) / Đổi tên, giải thể, sáp nhập đơn vị */
        patch: operations["updateUnit"];
        trace?: never;
    };
    "/api/v1/units/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed a unit of the map, newest first (map editors) / Nhật ký thay đổi đơn vị */
        get: operations["listUnitAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/map/proposals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Hamlet proposals by date / Danh sách đề xuất ấp, khóm
         * @description Map editors see the whole province’s; others those of their organization (an officer’s, within their scope).
         */
        get: operations["listMapProposals"];
        put?: never;
        /**
         * Propose a hamlet for the province’s map / Đề xuất thêm ấp, khóm
         * @description A hamlet of the same name (without diacritics, any case) already in the commune is answered as it is; a pending proposal of it is joined; else a new proposal waits for a map editor.
         */
        post: operations["proposeHamlet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/map/proposals/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept a proposal: the hamlet is added to the map / Chấp thuận đề xuất */
        post: operations["acceptMapProposal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/map/proposals/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a proposal, with the reason / Từ chối đề xuất */
        post: operations["rejectMapProposal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/map/reorganizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reorganizations of the province, newest first / Các đợt sắp xếp */
        get: operations["listReorganizations"];
        put?: never;
        /**
         * Reorganize the map by resolution: merge, split, rename, recode, move / Sắp xếp đơn vị hành chính
         * @description Map editors only. Closed units get `validTo` the day before `effectiveDate` and `successorId`; new units start on it. The same kind, resolution number and units are applied once: a repeat answers the recorded reorganization (200), finishing it if it was interrupted.
         */
        post: operations["reorganizeMap"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/map/reorganizations/{id}/branches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organization’s branches in the closed units, with what to do / Chi hội cần sắp xếp lại
         * @description Organization admins. Before applying: the suggestions; after: the plan, with progress.
         */
        get: operations["listReorganizationBranches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/map/reorganizations/{id}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move the organization’s branches and members after a reorganization / Sắp xếp lại chi hội
         * @description Organization admins. Each branch of a closed unit is dissolved into a branch of its successor (made when there is none). Resumable: repeating the request finishes the stored plan and moves nobody twice.
         */
        post: operations["applyReorganization"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/branches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Branches of a unit, optionally of one kind / Chi hội, chi đoàn của một đơn vị */
        get: operations["listBranches"];
        put?: never;
        /** Set up a branch in a unit / Thành lập chi hội, chi đoàn */
        post: operations["createBranch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/branches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One branch / Một chi hội, chi đoàn */
        get: operations["getBranch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename an active branch or change its model or agency type / Sửa chi hội, chi đoàn */
        patch: operations["updateBranch"];
        trace?: never;
    };
    "/api/v1/branches/{id}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Groups of a branch, by name / Tổ hội của chi hội */
        get: operations["listBranchGroups"];
        put?: never;
        /** Add a group to an active branch / Thêm tổ hội */
        post: operations["addBranchGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/branches/{id}/dissolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dissolve a branch, moving its members / Giải thể chi hội, chi đoàn và chuyển hội viên
         * @description Every current member moves to their own destination in `moves` or to `toBranchId`. The plan is kept on the branch (status `dissolving`), so repeating the request after an interruption finishes it and moves nobody twice.
         */
        post: operations["dissolveBranch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export members to .csv / Xuất danh sách hội viên ra tệp .csv
         * @description Every member the list with the same filter pages through, within the caller’s scope: Vietnamese headers, dates as dd/mm/yyyy, national ids masked. Streamed; audited with the filter and the number of rows.
         */
        get: operations["exportMembersCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export members to .xlsx / Xuất danh sách hội viên ra tệp .xlsx
         * @description Every member the list with the same filter pages through, within the caller’s scope: Vietnamese headers, dates as dd/mm/yyyy, national ids masked. Streamed; audited with the filter and the number of rows.
         */
        get: operations["exportMembersXlsx"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/member-exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Export members to a file fetched by a link / Xuất danh sách hội viên ra tệp để tải về
         * @description For lists too large to answer in one response (a province’s: on AWS a response holds at most 6 MB and 30 s): the same rows, scope and filter as GET /api/v1/members/export.xlsx, written to a file by a worker. Answers 202 with the export’s id at once; GET /api/v1/member-exports/{id} tells its progress and, once done, a download link. Audited as the direct export is.
         */
        post: operations["startMemberExport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/member-exports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An export’s progress and link / Tiến độ và đường dẫn tải tệp xuất
         * @description For whoever asked for the export and the organization’s admins; anyone else gets 404.
         */
        get: operations["getMemberExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List or search members, in Vietnamese name order / Danh sách, tìm kiếm hội viên
         * @description q: a name as officers type it, case and diacritics ignored — the whole name family-first, the middle and given names, or the given name alone, the last word possibly cut short, optionally a birth year ("Ánh 1985"); a word one letter off (a letter missing, two swapped) is found after the exact matches. Ranked: the whole name, then the typed words ending the name, then more words, then starts, then near forms; ties in Vietnamese order, namesakes oldest first. Digits: a phone (0…, +84…, spaced) or card number prefix, letters allowed in a card number; 12 digits: a national id. unitId covers the whole subtree; an old commune’s code or name, or a unit a reorganization closed, lists the unit in force it became (said in resolvedFrom). Without status, current members (active, away, lapsed). A page may hold fewer than limit items while more follow: continue with nextCursor.
         */
        get: operations["listMembers"];
        put?: never;
        /** Admit a member / Kết nạp hội viên */
        post: operations["admitMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/coming-of-age": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members turning 30 in a year (Youth Union) / Đoàn viên đến tuổi trưởng thành Đoàn */
        get: operations["listMembersComingOfAge"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One member / Hồ sơ hội viên */
        get: operations["getMember"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a member (If-Match required) / Sửa hồ sơ hội viên */
        patch: operations["updateMember"];
        trace?: never;
    };
    "/api/v1/members/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member’s history, oldest first / Quá trình sinh hoạt */
        get: operations["getMemberHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{id}/national-id": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The full national id number (audited) / Số CCCD đầy đủ (ghi nhật ký) */
        get: operations["getMemberNationalId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change status / Chuyển trạng thái sinh hoạt */
        post: operations["changeMemberStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{id}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move to another branch / Chuyển chi hội, chi đoàn */
        post: operations["transferMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{id}/transfer-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Transfer out of the organization / Chuyển sinh hoạt ra ngoài tổ chức */
        post: operations["transferMemberOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{id}/party-introductions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Introduce to the Party / Giới thiệu cho Đảng xem xét, kết nạp
         * @description Records an introduction of the member, made by their branch; refused while one is pending or when the member is a Party member. Party membership is sensitive (Decree 356/2025): only organization admins and unit officers, for members in their scope.
         */
        post: operations["introduceMemberToParty"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{id}/party-introductions/{introductionId}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The outcome of an introduction / Kết quả giới thiệu cho Đảng
         * @description Admitted (the member becomes a Party member), not admitted, or withdrawn by the branch; once. Party membership is sensitive (Decree 356/2025): only organization admins and unit officers, for members in their scope.
         */
        post: operations["decidePartyIntroduction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/party-introductions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who was introduced to the Party in a year / Danh sách giới thiệu cho Đảng
         * @description By commune, then Vietnamese name order; unitId covers the subtree. Everyone else reads the counts in the figures. Party membership is sensitive (Decree 356/2025): only organization admins and unit officers, for members in their scope.
         */
        get: operations["listPartyIntroductions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incoming-transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pending transfers into this organization / Hồ sơ chuyển đến chờ tiếp nhận */
        get: operations["listIncomingTransfers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incoming-transfers/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an incoming transfer into a branch / Tiếp nhận hội viên chuyển đến */
        post: operations["acceptIncomingTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a member list / Nhập danh sách hội viên từ tệp
         * @description The body is the file: an .xlsx (first sheet) or a UTF-8 CSV, headers as officers write them ("Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Số điện thoại", "Chi hội"/"Chi đoàn", "Ấp/Khóm", "Tình trạng", "Ngày vào hội"…), dates dd/mm/yyyy, at most 10 MB. Branches are found by name (or id) among those of unitId (by default the caller’s scope). Imported only if the check finds no row in error (422 otherwise, nothing written). A person already here — the same CCCD, else the same name and birth date in the branch — has their details updated, never a second record: sending the same file again changes nothing. With an Idempotency-Key, an import cut short and sent again goes on where it stopped.
         */
        post: operations["importMembers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a member list before importing it / Kiểm tra danh sách hội viên trước khi nhập
         * @description The body is the file: an .xlsx (first sheet) or a UTF-8 CSV, headers as officers write them ("Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Số điện thoại", "Chi hội"/"Chi đoàn", "Ấp/Khóm", "Tình trạng", "Ngày vào hội"…), dates dd/mm/yyyy, at most 10 MB. Branches are found by name (or id) among those of unitId (by default the caller’s scope). Nothing is written.
         */
        post: operations["checkMemberImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a large member list / Tải lên danh sách hội viên lớn để nhập
         * @description For a file past the 10 MB a request takes (a province’s list): records an import waiting for its file and answers a presigned link. Send the file with that method, URL and headers, as it is, within the hour; then POST /api/v1/imports/{id}/start. The worker checks and imports it as POST /api/v1/imports would, and GET /api/v1/imports/{id} follows it.
         */
        post: operations["uploadMemberImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import an uploaded member list / Bắt đầu nhập danh sách đã tải lên
         * @description Hands an uploaded file to the worker, once it is in the store whole (409 otherwise). Asked again it changes nothing, but hands again an import that stalled. For whoever uploaded the file.
         */
        post: operations["startUploadedImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/template.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The template of a member list / Tệp mẫu danh sách hội viên
         * @description The columns the import reads, headed as officers write them in the organization’s words ("Chi đoàn", "Ngày vào đoàn" for the Youth Union), phone and CCCD columns formatted as text, and a second sheet saying how to fill in each column. Sensitive columns only for those who may import them.
         */
        get: operations["getImportTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How far an import has gone / Tiến độ nhập danh sách
         * @description Recorded as the import goes, so it can be watched while POST /api/v1/imports is still running (its id is known in advance: the one an Idempotency-Key gives). For whoever sent the import and for the organization’s admins.
         */
        get: operations["getImportProgress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/branches/{id}/member-ratings/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A branch’s members and their rating of a year / Xếp loại hội viên của chi hội */
        get: operations["getMemberRatings"];
        /**
         * Rate members of a branch for a year / Nhập xếp loại hội viên
         * @description Every row is checked (a current member of the branch, once) before any is written; members left out keep their rating. Each rating changed is an audited change of its member. Years to come are refused.
         */
        put: operations["rateMembers"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rating-criteria/{year}/{branchKind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The criteria a kind of branch is rated by in a year / Bộ tiêu chí đánh giá, xếp loại */
        get: operations["getRatingCriteria"];
        /**
         * Configure the criteria of a year and branch kind / Cấu hình bộ tiêu chí
         * @description The organization admin’s. Refused (409) once a rating of the set was submitted: it would change what that rating means.
         */
        put: operations["saveRatingCriteria"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/branches/{id}/ratings/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A branch’s rating of a year / Đánh giá, xếp loại chi hội, chi đoàn */
        get: operations["getBranchRating"];
        /**
         * Save the self-assessment as a draft / Lưu bản tự đánh giá
         * @description By the commune’s officer (a unit officer whose scope covers the branch) or the organization admin, while the rating is a draft or returned. Scored against the year’s criteria for the branch’s kind; a level other than the proposed one needs overrideReason.
         */
        put: operations["saveBranchRating"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/branches/{id}/ratings/{year}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit the self-assessment / Gửi bản tự đánh giá
         * @description Every criterion answered; locks the criteria set.
         */
        post: operations["submitBranchRating"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/branches/{id}/ratings/{year}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a rating / Duyệt đánh giá, xếp loại
         * @description Locks it. By the level above the commune: the organization admin, or a unit officer whose scope lies strictly above the branch’s commune.
         */
        post: operations["approveBranchRating"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/branches/{id}/ratings/{year}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Return a rating with a reason / Trả lại bản đánh giá
         * @description Editable again. By the level above the commune: the organization admin, or a unit officer whose scope lies strictly above the branch’s commune.
         */
        post: operations["returnBranchRating"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/branches/{id}/ratings/{year}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unlock an approved rating / Mở khóa bản đánh giá đã duyệt
         * @description Back to a draft, with a reason; the organization admin’s, audited.
         */
        post: operations["unlockBranchRating"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/branch-ratings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A year’s ratings under a unit / Danh sách đánh giá, xếp loại chi hội, chi đoàn
         * @description By commune, unit, then branch name; unitId covers the subtree (default: the caller’s scope). A page may hold fewer than limit items while more follow: continue with nextCursor.
         */
        get: operations["listBranchRatings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/branch-ratings/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How far a year’s rating has come, by unit / Tiến độ đánh giá, xếp loại
         * @description For each unit right below unitId (default: the caller’s scope, else the province), and for its own branches: branches to rate (active, of a kind with criteria that year), rated (submitted or approved), approved, missing.
         */
        get: operations["getBranchRatingProgress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open the member review of a year / Mở đợt rà soát, phân loại hội viên
         * @description The organization admin’s; one a year (409 REVIEW_EXISTS), of the year before, this one or the next.
         */
        post: operations["openReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A year’s member review / Đợt rà soát hội viên */
        get: operations["getReview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/{year}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How far the review has come, by unit / Tiến độ rà soát theo đơn vị
         * @description For each unit right below `unitId` (by default the caller’s scope, or the province): branches and current members (from the figures), branches done, members reviewed. Counts only.
         */
        get: operations["getReviewProgress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/branches/{id}/review/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A branch’s members and their review / Rà soát hội viên của chi hội */
        get: operations["getBranchReview"];
        put?: never;
        /**
         * Confirm members of a branch / Xác nhận rà soát hội viên
         * @description Each row confirms a current member of the branch as they stand, or changes their status (a reason needed; an ordinary, audited status change); `confirmRest` confirms every member not yet reviewed as they stand. Every row is checked before any is written. Refused once the campaign is closed (409 REVIEW_CLOSED).
         */
        post: operations["confirmBranchReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/branches/{id}/review/{year}/done": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Declare a branch’s review done / Chi hội hoàn thành rà soát
         * @description Refused while a current member is not reviewed (409 REVIEW_INCOMPLETE, with how many).
         */
        post: operations["completeBranchReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/{year}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close the member review / Kết thúc đợt rà soát hội viên
         * @description The organization admin’s. Afterwards confirmations are refused; a late change is an ordinary status change.
         */
        post: operations["closeReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Audit records of a record or of a user / Nhật ký thay đổi
         * @description Exactly one of entityId (a member, branch or unit id) and actor (a user id).
         */
        get: operations["listAuditRecords"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/eligibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Admission rules of this organization / Điều kiện kết nạp */
        get: operations["getEligibilitySettings"];
        /** Set the admission rules / Đặt điều kiện kết nạp */
        put: operations["replaceEligibilitySettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API keys of this organization, with their last use / Khóa API của tổ chức */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key / Tạo khóa API
         * @description Organization admins only. The answer holds the key (`dtk_…`) this once: only its hash is kept. Send it as `Authorization: Bearer <key>`.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One API key / Một khóa API */
        get: operations["getApiKey"];
        put?: never;
        post?: never;
        /** Revoke an API key / Thu hồi khóa API */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Endpoints of this tenant / Danh sách webhook */
        get: operations["listWebhooks"];
        put?: never;
        /** Register an endpoint; its secret is shown this once / Đăng ký webhook */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One endpoint / Một webhook */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Delete an endpoint / Xóa webhook */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Change, disable or enable an endpoint (If-Match required) / Sửa, tắt, bật webhook */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New signing secret; the old one signs too for 24 h / Đổi khóa bí mật */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a webhook.test event / Gửi sự kiện thử */
        post: operations["sendWebhookTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries and their attempts, newest first / Nhật ký gửi */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again, same webhook-id / Gửi lại */
        post: operations["replayWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/recount": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Recount the figures from the members / Đếm lại số liệu từ hồ sơ hội viên
         * @description Counts every aggregate of the organization again from its members and branches, compares with the stored figures and lists the differences; with `apply`, corrects them. Reads the whole organization: for operators, not dashboards.
         */
        post: operations["recountFigures"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{id}/targets/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The target population of a unit for a year / Số đối tượng cần tập hợp */
        get: operations["getUnitTarget"];
        /**
         * Set the target population of a unit for a year / Đặt số đối tượng cần tập hợp
         * @description Eligible people present locally that the organization should gather, per hamlet (or per commune). Coverage divides active members by it.
         */
        put: operations["setUnitTarget"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Figures of a unit and its children / Số liệu thống kê của đơn vị
         * @description Members by status, gender and age band, branches, target population, coverage, introductions to the Party, admissions, members rated by level (with each level’s share of those rated, adding up to 100.00), branches with an approved rating by level (shares likewise) and against their standard by branch kind, and the review of members (branches started and done, members reviewed by what was found, beside the previous year’s) in the year of asOf, and the units lacking a target, for the unit and each child in force. Viewers see counts of 1–4 in hamlets as null, and as many other counts as it takes that none can be worked out from the rest (complementary suppression).
         */
        get: operations["getStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/front/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The four organizations side by side, for a unit and its children / Số liệu tổng hợp của Mặt trận
         * @description Aggregates only, each organization’s and their total, the yearly figures (Party, ratings of members and branches, the review of members) of the year of asOf; counts of 1–4 people in hamlets are null (suppressed), and so are as many other counts as it takes that none can be worked out by adding or subtracting the published ones.
         */
        get: operations["getFrontOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/front/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Differences between two days / So sánh số liệu giữa hai thời điểm */
        get: operations["compareFrontFigures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/front/overview.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The overview as a report in .xlsx / Xuất báo cáo tổng hợp ra Excel */
        get: operations["exportFrontOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/front/compare.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The comparison as a report in .xlsx / Xuất báo cáo so sánh ra Excel */
        get: operations["exportFrontComparison"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Snapshot the aggregates for a day / Chốt số liệu
         * @description Organization admins snapshot their own organization; platform operators every tenant of a province. Month ends are snapshotted by a schedule; this is for other days and tests. A day already snapshotted is refused (409 SNAPSHOT_EXISTS): correct it with a revision. Days before the province was onboarded (400 DATE_BEFORE_ONBOARDING) and days to come are refused.
         */
        post: operations["takeSnapshot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/snapshots/{date}/revisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Correct a snapshot with a new revision / Điều chỉnh số liệu đã chốt
         * @description Organization admins: recopies the organization’s current figures as the next revision of the day’s snapshot, with the reason, audited. Earlier revisions are kept; the Front sees the figures as revised (số liệu điều chỉnh).
         */
        post: operations["reviseSnapshot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "member.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A member was admitted or transferred in / Kết nạp hoặc nhận chuyển đến một hội viên
         * @description Delivered to each endpoint subscribed to the event type, in order per record, signed per Standard Webhooks. Any 2xx acknowledges it; other answers and timeouts are retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
         */
        post: operations["memberCreatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "member.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A member’s fields changed / Sửa thông tin hội viên
         * @description Delivered to each endpoint subscribed to the event type, in order per record, signed per Standard Webhooks. Any 2xx acknowledges it; other answers and timeouts are retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
         */
        post: operations["memberUpdatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "member.status_changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A member’s status changed / Đổi tình trạng sinh hoạt
         * @description Delivered to each endpoint subscribed to the event type, in order per record, signed per Standard Webhooks. Any 2xx acknowledges it; other answers and timeouts are retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
         */
        post: operations["memberStatusChangedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "member.transferred": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A member moved to another branch / Chuyển sinh hoạt trong tổ chức
         * @description Delivered to each endpoint subscribed to the event type, in order per record, signed per Standard Webhooks. Any 2xx acknowledges it; other answers and timeouts are retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
         */
        post: operations["memberTransferredEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "member.transferred_out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A member left for another organization or place / Chuyển sinh hoạt ra ngoài
         * @description Delivered to each endpoint subscribed to the event type, in order per record, signed per Standard Webhooks. Any 2xx acknowledges it; other answers and timeouts are retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
         */
        post: operations["memberTransferredOutEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "branch.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A branch was set up / Thành lập chi hội, chi đoàn
         * @description Delivered to each endpoint subscribed to the event type, in order per record, signed per Standard Webhooks. Any 2xx acknowledges it; other answers and timeouts are retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
         */
        post: operations["branchCreatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "branch.dissolved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A branch was dissolved / Giải thể chi hội, chi đoàn
         * @description Delivered to each endpoint subscribed to the event type, in order per record, signed per Standard Webhooks. Any 2xx acknowledges it; other answers and timeouts are retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
         */
        post: operations["branchDissolvedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "branch.rating_approved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A branch’s yearly rating was approved / Duyệt xếp loại chi hội
         * @description Delivered to each endpoint subscribed to the event type, in order per record, signed per Standard Webhooks. Any 2xx acknowledges it; other answers and timeouts are retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
         */
        post: operations["branchRatingApprovedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "unit.target_set": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A unit’s target population was set / Đặt số đối tượng cần tập hợp
         * @description Delivered to each endpoint subscribed to the event type, in order per record, signed per Standard Webhooks. Any 2xx acknowledges it; other answers and timeouts are retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
         */
        post: operations["unitTargetSetEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "snapshot.taken": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Month-end figures were taken or revised / Chốt hoặc điều chỉnh số liệu cuối kỳ
         * @description Delivered to each endpoint subscribed to the event type, in order per record, signed per Standard Webhooks. Any 2xx acknowledges it; other answers and timeouts are retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
         */
        post: operations["snapshotTakenEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook.test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sent by POST /api/v1/webhooks/{id}/test only / Sự kiện thử
         * @description Delivered to each endpoint subscribed to the event type, in order per record, signed per Standard Webhooks. Any 2xx acknowledges it; other answers and timeouts are retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
         */
        post: operations["webhookTestEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        "WebhookEvent.member.created": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "member.created";
            /** Format: date-time */
            timestamp: string;
            data: {
                memberId: string;
                branchId: string;
                unitId: string;
                /** @enum {string} */
                status: "active" | "away" | "lapsed" | "transferred_out" | "removed" | "deceased" | "graduated";
                member: components["schemas"]["Member"];
            };
        };
        Member: {
            id: string;
            fullName: string;
            /** @enum {string} */
            gender: "male" | "female";
            /** Format: date */
            birthDate: string;
            phone: string | null;
            /** @description Sensitive: only for roles that need it */
            ethnicity?: string | null;
            /** @description Sensitive: only for roles that need it */
            religion?: string | null;
            education: string | null;
            occupation: string | null;
            address: string | null;
            /** Format: date */
            joinedAt: string;
            cardNumber: string | null;
            /** @description Sensitive: only for roles that need it */
            partyMember?: boolean;
            notes: string | null;
            veteranService: components["schemas"]["VeteranService"];
            branchId: string;
            unitId: string;
            /** @enum {string} */
            status: "active" | "away" | "lapsed" | "transferred_out" | "removed" | "deceased" | "graduated";
            /** Format: date */
            statusSince: string;
            awayPlace: string | null;
            transferredTo: components["schemas"]["TransferDestination"];
            ratings?: {
                [key: string]: "excellent" | "good" | "fulfilled" | "not_fulfilled";
            };
            /** @description Sensitive: only for roles that need it */
            partyIntroductions?: components["schemas"]["PartyIntroduction"][];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
            /** @example *********123 */
            nationalIdMasked: string | null;
        };
        /** @description Military service (Veterans’ Association) */
        VeteranService: {
            /** Format: date */
            enlistedOn: string;
            /** Format: date */
            dischargedOn: string;
            /**
             * @description Where the member served
             * @default null
             */
            unit?: string | null;
        } | null;
        TransferDestination: {
            /**
             * @description The receiving organization when it uses doanthe, e.g. "an-giang:farmers"
             * @default null
             */
            tenantId?: string | null;
            /**
             * @description The unit of the receiving organization it is addressed to (a commune or hamlet), whose officers then handle it; without it, only the receiving organization’s admins do
             * @default null
             * @example 28249
             */
            unitId?: string | null;
            /** @example Hội Nông dân xã Mỹ Hội, tỉnh Đồng Tháp */
            description: string;
        } | null;
        PartyIntroduction: {
            id: string;
            /** Format: date */
            introducedOn: string;
            branchId: string;
            decisionNumber: string;
            note: string | null;
            /** @enum {string} */
            state: "pending" | "admitted" | "not_admitted" | "withdrawn";
            /** Format: date */
            decidedOn: string | null;
            decisionNote: string | null;
            /** @description Username of who recorded the introduction */
            recordedBy: string;
        };
        "WebhookEvent.member.updated": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "member.updated";
            /** Format: date-time */
            timestamp: string;
            data: {
                memberId: string;
                branchId: string;
                unitId: string;
                changes: {
                    [key: string]: {
                        from?: unknown;
                        to?: unknown;
                    };
                };
            };
        };
        "WebhookEvent.member.status_changed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "member.status_changed";
            /** Format: date-time */
            timestamp: string;
            data: {
                memberId: string;
                branchId: string;
                unitId: string;
                /** @enum {string} */
                from: "active" | "away" | "lapsed" | "transferred_out" | "removed" | "deceased" | "graduated";
                /** @enum {string} */
                to: "active" | "away" | "lapsed" | "transferred_out" | "removed" | "deceased" | "graduated";
                since: string;
            };
        };
        "WebhookEvent.member.transferred": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "member.transferred";
            /** Format: date-time */
            timestamp: string;
            data: {
                memberId: string;
                branchId: string;
                unitId: string;
                fromBranchId: string;
                fromUnitId: string;
            };
        };
        "WebhookEvent.member.transferred_out": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "member.transferred_out";
            /** Format: date-time */
            timestamp: string;
            data: {
                memberId: string;
                branchId: string;
                unitId: string;
                destination: components["schemas"]["TransferDestination"];
            };
        };
        "WebhookEvent.branch.created": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "branch.created";
            /** Format: date-time */
            timestamp: string;
            data: {
                branchId: string;
                unitId: string;
                name: string;
                kind: string;
            };
        };
        "WebhookEvent.branch.dissolved": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "branch.dissolved";
            /** Format: date-time */
            timestamp: string;
            data: {
                branchId: string;
                unitId: string;
                name: string;
            };
        };
        "WebhookEvent.branch.rating_approved": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "branch.rating_approved";
            /** Format: date-time */
            timestamp: string;
            data: {
                branchId: string;
                unitId: string;
                year: number;
                level: string;
                standardMet: boolean | null;
            };
        };
        "WebhookEvent.unit.target_set": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "unit.target_set";
            /** Format: date-time */
            timestamp: string;
            data: {
                tenantId: string;
                unitId: string;
                year: number;
                targetPopulation: number;
            };
        };
        "WebhookEvent.snapshot.taken": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "snapshot.taken";
            /** Format: date-time */
            timestamp: string;
            data: {
                tenantId: string;
                date: string;
                revision: number;
            };
        };
        "WebhookEvent.webhook.test": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "webhook.test";
            /** Format: date-time */
            timestamp: string;
            data: {
                endpointId: string;
            };
        };
        /** @description RFC 9457 problem details, Vietnamese first with English twins */
        Problem: {
            type: string;
            /** @example UNIT_NOT_FOUND */
            code: string;
            status: number;
            title: string;
            detail: string;
            titleEn: string;
            detailEn: string;
            instance: string;
            requestId: string;
            /** @description The record a conflict (409) is with */
            existingId?: string;
            errors?: {
                path: string;
                code: string;
                message: string;
                messageEn: string;
            }[];
        };
        TokenPair: {
            access_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            /** @description Seconds the access token stays valid */
            expires_in: number;
            /** @description Single use: each refresh returns a new one */
            refresh_token: string;
        };
        SignIn: {
            username: string;
            password: string;
        };
        RefreshToken: {
            refresh_token: string;
        };
        Me: {
            userId: string;
            username: string;
            /** @example dong-thap:farmers */
            tenantId: string;
            /**
             * @description platform_admin: onboards provinces; org_admin: a whole organization of a province; unit_officer: a subtree of units; branch_officer: one branch; viewer: read-only; front_viewer: the Front, aggregates only; front_admin: the Front's provincial staff, aggregates only and the province's map; api_key: an integration's API key, only what its scopes allow
             * @enum {string}
             */
            role: "platform_admin" | "org_admin" | "unit_officer" | "branch_officer" | "viewer" | "front_viewer" | "front_admin" | "api_key";
            scope: {
                unitId: string;
            } | {
                branchId: string;
            } | null;
            /** @description Granted beyond the role (map_editor), as of the last sign-in or refresh */
            permissions: "map_editor"[];
        };
        Province: {
            id: string;
            code: string;
            name: string;
            tenants: {
                tenantId: string;
                /** @enum {string} */
                kind: "farmers" | "women" | "veterans" | "youth" | "front";
            }[];
            /** Format: date-time */
            createdAt: string;
        };
        OnboardProvince: {
            /** @example dong-thap */
            id: string;
            /** @example 82 */
            code: string;
            /** @example Tỉnh Đồng Tháp */
            name: string;
            /** Format: date */
            validFrom: string;
            communes: {
                code: string;
                name: string;
                /** @enum {string} */
                type: "xa" | "phuong" | "thi_tran";
            }[];
            /** @description Each organization's admin; the Front's (`front`) is its read-only viewer */
            admins: {
                farmers: {
                    /**
                     * @description Lower-case letters, digits, dot, dash, underscore; 3–64 characters
                     * @example farmers.admin
                     */
                    username: string;
                    password: string;
                    displayName: string;
                };
                women: {
                    /**
                     * @description Lower-case letters, digits, dot, dash, underscore; 3–64 characters
                     * @example farmers.admin
                     */
                    username: string;
                    password: string;
                    displayName: string;
                };
                veterans: {
                    /**
                     * @description Lower-case letters, digits, dot, dash, underscore; 3–64 characters
                     * @example farmers.admin
                     */
                    username: string;
                    password: string;
                    displayName: string;
                };
                youth: {
                    /**
                     * @description Lower-case letters, digits, dot, dash, underscore; 3–64 characters
                     * @example farmers.admin
                     */
                    username: string;
                    password: string;
                    displayName: string;
                };
                front: {
                    /**
                     * @description Lower-case letters, digits, dot, dash, underscore; 3–64 characters
                     * @example farmers.admin
                     */
                    username: string;
                    password: string;
                    displayName: string;
                };
            };
            frontAdmin?: {
                /**
                 * @description Lower-case letters, digits, dot, dash, underscore; 3–64 characters
                 * @example farmers.admin
                 */
                username: string;
                password: string;
                displayName: string;
            };
        };
        /** @description An account's granted permissions after the change */
        MapEditorGrant: {
            provinceId: string;
            username: string;
            permissions: "map_editor"[];
        };
        Unit: {
            /** @example 28249 */
            id: string;
            parentId: string | null;
            ancestorIds: string[];
            /** @enum {string} */
            level: "province" | "district" | "commune" | "hamlet";
            /** @enum {string} */
            type: "tinh" | "thanh_pho" | "thi_xa" | "huyen" | "xa" | "phuong" | "thi_tran" | "ap" | "khom" | "thon" | "to_dan_pho" | "dac_khu";
            /** @description Official GSO/NSO code; null for hamlets */
            code: string | null;
            /** @example Phường Đạo Thạnh */
            name: string;
            /** Format: date */
            validFrom: string;
            /**
             * Format: date
             * @description Last day the unit existed; null while it exists
             */
            validTo: string | null;
            /** @description The unit that took over a closed one (a merger), if any */
            successorId: string | null;
            /** @description Earlier names, oldest first */
            formerNames: components["schemas"]["FormerUnitName"][];
            /** @description Bumped by every change; the ETag */
            version: number;
        };
        FormerUnitName: {
            name: string;
            /**
             * Format: date
             * @description First day the name was in use
             */
            validFrom: string;
            /**
             * Format: date
             * @description Last day the name was in use
             */
            validTo: string;
        };
        AuditRecord: {
            id: string;
            /** Format: date-time */
            at: string;
            actor: {
                userId: string;
                username: string;
                role: string;
            };
            /** @enum {string} */
            action: "create" | "update" | "status" | "transfer" | "transfer_out" | "transfer_in" | "dissolve" | "revise" | "read_national_id" | "read_national_id_refused" | "party_introduce" | "party_decide" | "rate" | "rating_submit" | "rating_approve" | "rating_return" | "rating_unlock" | "review_open" | "review_close" | "review_confirm" | "review_done" | "export" | "import" | "delete" | "rotate_secret" | "disable" | "revoke";
            /** @enum {string} */
            entityType: "member" | "branch" | "group" | "unit" | "settings" | "target" | "snapshot" | "account" | "branch_rating" | "rating_criteria" | "review_campaign" | "branch_review" | "member_export" | "member_import" | "webhook" | "api_key";
            entityId: string;
            before: {
                [key: string]: unknown;
            } | null;
            after: {
                [key: string]: unknown;
            } | null;
            requestId: string;
        };
        CreateUnit: {
            /** @example 28249 */
            parentId: string;
            /**
             * @description Names the level: ap/khom/thon/to_dan_pho are hamlets
             * @enum {string}
             */
            type: "tinh" | "thanh_pho" | "thi_xa" | "huyen" | "xa" | "phuong" | "thi_tran" | "ap" | "khom" | "thon" | "to_dan_pho" | "dac_khu";
            /** @example Ấp Tân Hòa */
            name: string;
            /**
             * @description Official code for provinces, districts and communes (defaults to `code`); for a hamlet `<communeId>-<nn>`, generated when absent
             * @example 28249
             */
            id?: string;
            /** @description Official code; none for hamlets */
            code?: string | null;
            /**
             * Format: date
             * @description Defaults to today (Vietnam time)
             */
            validFrom?: string;
            /**
             * Format: date
             * @description For units recorded from older data
             */
            validTo?: string | null;
        };
        UpdateUnit: {
            name?: string;
            /**
             * Format: date
             * @description First day of the new name, not after today; defaults to today (Vietnam time). The first day of the current name makes the change a correction: no former name is kept
             */
            renamedOn?: string;
            code?: string | null;
            /** Format: date */
            validTo?: string | null;
            /** @example 28249 */
            successorId?: string | null;
        };
        HamletProposalOutcome: {
            /** @enum {string} */
            status: "exists";
            unit: components["schemas"]["Unit"];
        } | {
            /**
             * @description proposed: a new proposal; joined: the pending one of the same name in the commune
             * @enum {string}
             */
            status: "proposed" | "joined";
            proposal: components["schemas"]["HamletProposal"];
        };
        HamletProposal: {
            id: string;
            communeId: string;
            communePath: string[];
            /** @description The name as first proposed */
            name: string;
            /** @enum {string} */
            type: "ap" | "khom" | "thon" | "to_dan_pho";
            note: string | null;
            /** @enum {string} */
            status: "pending" | "accepted" | "rejected";
            /** @description The first officer of each organization that proposed it, in order */
            proposers: components["schemas"]["HamletProposer"][];
            /** @description The organizations among the proposers */
            organizations: ("farmers" | "women" | "veterans" | "youth")[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            decidedAt: string | null;
            /** @description Username of the map editor who decided */
            decidedBy: string | null;
            /** @description The name the hamlet was accepted under */
            acceptedName: string | null;
            /** @description The hamlet made of it, once accepted */
            unitId: string | null;
            /** @description Why it was rejected */
            reason: string | null;
            version: number;
        };
        HamletProposer: {
            /** @enum {string} */
            organization: "farmers" | "women" | "veterans" | "youth";
            username: string;
            /** Format: date-time */
            proposedAt: string;
        };
        ProposeHamlet: {
            /** @example 28249 */
            communeId: string;
            /** @example Ấp Mỹ Phú */
            name: string;
            /** @enum {string} */
            type: "ap" | "khom" | "thon" | "to_dan_pho";
            /** @description Where the hamlet is, which resolution made it: for the map editor */
            note?: string;
        };
        AcceptedHamletProposal: {
            proposal: components["schemas"]["HamletProposal"];
            unit: components["schemas"]["Unit"];
        };
        AcceptHamletProposal: {
            /** @description The hamlet’s name corrected; defaults to the proposed name */
            name?: string;
        };
        RejectHamletProposal: {
            reason: string;
        };
        Reorganization: {
            id: string;
            /** @enum {string} */
            kind: "merge" | "split" | "rename" | "recode" | "move";
            /** Format: date */
            effectiveDate: string;
            resolution: {
                number: string;
                /** Format: date */
                date: string | null;
            };
            /**
             * @description applying: the map is being changed (repeat the request to finish); applied: done
             * @enum {string}
             */
            status: "applying" | "applied";
            closedUnitIds: string[];
            createdUnitIds: string[];
            /** @description Units renamed or recoded, ids kept */
            changedUnitIds: string[];
            /** @description Each closed unit and the unit that took it over */
            successors: {
                [key: string]: string;
            };
            /** @description Closed units merged into their successor: their branches are suggested to merge */
            mergedUnitIds: string[];
            /** @description Every unit written, as before and after */
            changes: components["schemas"]["ReorganizationUnitChange"][];
            createdBy: {
                userId: string;
                username: string;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            version: number;
        };
        ReorganizationUnitChange: {
            /** @description null for a unit the reorganization made */
            before: {
                /** @example 28249 */
                id: string;
                parentId: string | null;
                ancestorIds: string[];
                /** @enum {string} */
                level: "province" | "district" | "commune" | "hamlet";
                /** @enum {string} */
                type: "tinh" | "thanh_pho" | "thi_xa" | "huyen" | "xa" | "phuong" | "thi_tran" | "ap" | "khom" | "thon" | "to_dan_pho" | "dac_khu";
                /** @description Official GSO/NSO code; null for hamlets */
                code: string | null;
                /** @example Phường Đạo Thạnh */
                name: string;
                /** Format: date */
                validFrom: string;
                /**
                 * Format: date
                 * @description Last day the unit existed; null while it exists
                 */
                validTo: string | null;
                /** @description The unit that took over a closed one (a merger), if any */
                successorId: string | null;
                /** @description Earlier names, oldest first */
                formerNames: components["schemas"]["FormerUnitName"][];
                /** @description Bumped by every change; the ETag */
                version: number;
            } | null;
            after: components["schemas"]["Unit"];
        };
        Reorganize: {
            /** @enum {string} */
            kind: "merge";
            /**
             * Format: date
             * @description First day of the new map
             */
            effectiveDate: string;
            resolution: components["schemas"]["Resolution"];
            /** @description Hamlets, or communes, of one parent */
            fromIds: string[];
            /**
             * @description The one of fromIds that goes on; or give `into`
             * @example 28249
             */
            intoId?: string;
            /** @description A new unit that takes them all over */
            into?: {
                /** @example Ấp Mỹ Phú */
                name: string;
                /** @enum {string} */
                type: "tinh" | "thanh_pho" | "thi_xa" | "huyen" | "xa" | "phuong" | "thi_tran" | "ap" | "khom" | "thon" | "to_dan_pho" | "dac_khu";
                /** @description Official code; required for communes */
                code?: string;
            };
        } | {
            /** @enum {string} */
            kind: "split";
            /**
             * Format: date
             * @description First day of the new map
             */
            effectiveDate: string;
            resolution: components["schemas"]["Resolution"];
            /** @example 28249 */
            fromId: string;
            into: components["schemas"]["ReorganizationNewUnit"][];
            /** @description A commune split: which of `into` (index) each hamlet goes to; the first by default */
            hamlets?: {
                [key: string]: number;
            };
        } | {
            /** @enum {string} */
            kind: "rename";
            /**
             * Format: date
             * @description First day of the new map
             */
            effectiveDate: string;
            resolution: components["schemas"]["Resolution"];
            /** @example 28249 */
            unitId: string;
            name: string;
        } | {
            /** @enum {string} */
            kind: "recode";
            /**
             * Format: date
             * @description First day of the new map
             */
            effectiveDate: string;
            resolution: components["schemas"]["Resolution"];
            /** @example 28249 */
            unitId: string;
            code: string;
        } | {
            /** @enum {string} */
            kind: "move";
            /**
             * Format: date
             * @description First day of the new map
             */
            effectiveDate: string;
            resolution: components["schemas"]["Resolution"];
            /**
             * @description The hamlet
             * @example 28249
             */
            unitId: string;
            /** @example 28249 */
            toCommuneId: string;
        };
        Resolution: {
            /** @example 1685/NQ-UBTVQH15 */
            number: string;
            /**
             * Format: date
             * @description The day the resolution was adopted
             */
            date?: string;
        };
        ReorganizationNewUnit: {
            /** @example Ấp Mỹ Phú */
            name: string;
            /** @enum {string} */
            type: "tinh" | "thanh_pho" | "thi_xa" | "huyen" | "xa" | "phuong" | "thi_tran" | "ap" | "khom" | "thon" | "to_dan_pho" | "dac_khu";
            /** @description Official code; required for communes */
            code?: string;
        };
        ReorganizationFollowUp: {
            reorganizationId: string;
            /** @enum {string} */
            status: "not_started" | "applying" | "applied";
            branchesDone: number;
            branchesTotal: number;
            membersMoved: number;
            steps: components["schemas"]["ReorganizationBranchStep"][];
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
        };
        ReorganizationBranchStep: {
            branchId: string;
            name: string;
            kind: string;
            /** @description The closed unit the branch is in */
            unitId: string;
            successorUnitId: string;
            /**
             * @description merge: members move to one branch of the successor; keep: to a new branch of the same name under the successor
             * @enum {string}
             */
            action: "merge" | "keep";
            /** @description Where the members go; null in a suggestion: a branch made when applied */
            toBranchId: string | null;
            done: boolean;
        };
        ApplyReorganization: {
            /**
             * @description Overrides of the suggestions; branches left out follow their suggestion
             * @default []
             */
            actions?: ({
                branchId: string;
                /** @enum {string} */
                action: "merge";
                /**
                 * @description A split unit’s branch: which of the split’s new units (createdUnitIds) it goes to; by default the first
                 * @example 28249
                 */
                intoUnitId?: string;
                /** @description A branch of the successor unit; by default the suggested one, made if none */
                intoBranchId?: string;
            } | {
                branchId: string;
                /** @enum {string} */
                action: "keep";
                /**
                 * @description A split unit’s branch: which of the split’s new units (createdUnitIds) it goes to; by default the first
                 * @example 28249
                 */
                intoUnitId?: string;
            })[];
        };
        Branch: {
            id: string;
            /** @example Chi hội Nông dân ấp Tân Hòa */
            name: string;
            /** @enum {string} */
            kind: "residential" | "professional" | "agency";
            unitId: string;
            /**
             * @description Professional branches only
             * @enum {string|null}
             */
            economicModel: "rice" | "fruit" | "aquaculture" | "livestock" | "trade" | "services" | "other" | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * @description Agency branches only
             * @enum {string|null}
             */
            agencyType: "office" | "school" | "enterprise" | null;
            /** @enum {string} */
            status: "active" | "dissolving" | "dissolved";
            dissolution?: components["schemas"]["Dissolution"];
            /** @description Bumped by every change; the ETag */
            version: number;
        };
        Dissolution: {
            toBranchId: string | null;
            moves: {
                [key: string]: string;
            };
            reason: string;
            /** Format: date */
            effectiveDate: string;
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            finishedAt: string | null;
        } | null;
        CreateBranch: {
            /** @example Chi hội Nông dân nghề nghiệp trồng lúa */
            name: string;
            /** @enum {string} */
            kind: "residential" | "professional" | "agency";
            unitId: string;
            /**
             * @description Required for, and only for, professional branches
             * @enum {string}
             */
            economicModel?: "rice" | "fruit" | "aquaculture" | "livestock" | "trade" | "services" | "other";
            /**
             * @description Required for, and only for, agency branches
             * @enum {string}
             */
            agencyType?: "office" | "school" | "enterprise";
        };
        UpdateBranch: {
            name?: string;
            /** @enum {string} */
            economicModel?: "rice" | "fruit" | "aquaculture" | "livestock" | "trade" | "services" | "other";
            /** @enum {string} */
            agencyType?: "office" | "school" | "enterprise";
        };
        BranchGroup: {
            id: string;
            branchId: string;
            /** @example Tổ hội trồng lúa số 1 */
            name: string;
            /**
             * @description For a professional group
             * @enum {string|null}
             */
            economicModel: "rice" | "fruit" | "aquaculture" | "livestock" | "trade" | "services" | "other" | null;
            /** Format: date-time */
            createdAt: string;
        };
        CreateBranchGroup: {
            /** @example Tổ hội trồng lúa số 1 */
            name: string;
            /** @enum {string|null} */
            economicModel?: "rice" | "fruit" | "aquaculture" | "livestock" | "trade" | "services" | "other" | null;
        };
        DissolutionResult: {
            branchId: string;
            /** @enum {string} */
            status: "dissolved";
            /** @description Members this request moved */
            moved: number;
            /** @description true when an interrupted dissolution was finished */
            resumed: boolean;
        };
        DissolveBranch: {
            /** @description Where members without a move of their own go */
            toBranchId?: string;
            /** @default [] */
            moves?: {
                memberId: string;
                toBranchId: string;
            }[];
            reason: string;
            /** Format: date */
            effectiveDate?: string;
        };
        MemberExport: {
            id: string;
            /** @enum {string} */
            format: "csv" | "xlsx";
            filter: {
                q?: string;
                unitId?: string;
                branchId?: string;
                /** @enum {string} */
                status?: "active" | "away" | "lapsed" | "transferred_out" | "removed" | "deceased" | "graduated";
            };
            /** @enum {string} */
            state: "running" | "done" | "failed";
            /** @description Rows written so far; all of them once done */
            rows: number;
            /** @description The file’s size in bytes, once done */
            size: number | null;
            by: {
                userId: string;
                username: string;
            };
            startedAt: string;
            updatedAt: string;
            finishedAt: string | null;
            /** @description Running, but no progress for five minutes: the export stopped. Ask for another. */
            stalled: boolean;
            /** @description Once done: a link to the file, good for 15 minutes without a token (reading the status again gives a fresh one). The file is kept for 3 days. */
            download: {
                url: string;
                expiresAt: string;
            } | null;
        };
        AdmitMember: {
            /** @example Nguyễn Văn An */
            fullName: string;
            /** @enum {string} */
            gender: "male" | "female";
            /** Format: date */
            birthDate: string;
            /**
             * @description CCCD, 12 digits; stored encrypted, shown masked
             * @default null
             */
            nationalId?: string | null;
            /** @default null */
            phone?: string | null;
            /**
             * @default null
             * @example Kinh
             */
            ethnicity?: string | null;
            /**
             * @default null
             * @example Không
             */
            religion?: string | null;
            /** @default null */
            education?: string | null;
            /** @default null */
            occupation?: string | null;
            /** @default null */
            address?: string | null;
            /** Format: date */
            joinedAt: string;
            /** @default null */
            cardNumber?: string | null;
            /** @default false */
            partyMember?: boolean;
            /** @default null */
            notes?: string | null;
            veteranService?: components["schemas"]["VeteranService"];
            branchId: string;
            /**
             * @default active
             * @enum {string}
             */
            status?: "active" | "away" | "lapsed";
            /**
             * @description Where the member works, when away
             * @default null
             */
            awayPlace?: string | null;
        };
        MemberSummary: {
            id: string;
            fullName: string;
            /** @enum {string} */
            gender: "male" | "female";
            /** Format: date */
            birthDate: string;
            phone: string | null;
            branchId: string;
            unitId: string;
            /** @enum {string} */
            status: "active" | "away" | "lapsed" | "transferred_out" | "removed" | "deceased" | "graduated";
            cardNumber: string | null;
            /** @example *********123 */
            nationalIdMasked: string | null;
        };
        /** @description Only the fields sent change; null clears a field */
        UpdateMember: {
            /** @example Nguyễn Văn An */
            fullName?: string;
            /** @enum {string} */
            gender?: "male" | "female";
            /** Format: date */
            birthDate?: string;
            nationalId?: string | null;
            phone?: string | null;
            ethnicity?: string | null;
            religion?: string | null;
            education?: string | null;
            occupation?: string | null;
            address?: string | null;
            /** Format: date */
            joinedAt?: string;
            cardNumber?: string | null;
            partyMember?: boolean;
            notes?: string | null;
            veteranService?: components["schemas"]["VeteranService"];
        };
        MemberEvent: {
            id: string;
            /** @enum {string} */
            type: "admitted" | "status_changed" | "transferred" | "transferred_out" | "transferred_in";
            /** @enum {string} */
            status: "active" | "away" | "lapsed" | "transferred_out" | "removed" | "deceased" | "graduated";
            /** Format: date */
            effectiveDate: string;
            reason: string | null;
            awayPlace: string | null;
            fromBranchId: string | null;
            toBranchId: string | null;
            /** Format: date-time */
            recordedAt: string;
            recordedBy: {
                userId: string;
                username: string;
            };
        };
        StatusChange: {
            /** @enum {string} */
            status: "active" | "away" | "lapsed" | "transferred_out" | "removed" | "deceased" | "graduated";
            reason: string;
            /** Format: date */
            effectiveDate: string;
            /** @default null */
            awayPlace?: string | null;
        };
        Transfer: {
            toBranchId: string;
            /** @default null */
            reason?: string | null;
            /** Format: date */
            effectiveDate?: string;
        };
        TransferOut: {
            destination: components["schemas"]["TransferDestination"];
            reason: string;
            /** Format: date */
            effectiveDate: string;
        };
        IntroduceToParty: {
            /** Format: date */
            introducedOn: string;
            /** @example 12-QĐ/ĐTN */
            decisionNumber: string;
            /** @default null */
            note?: string | null;
        };
        PartyOutcome: {
            /** @enum {string} */
            state: "admitted" | "not_admitted" | "withdrawn";
            /** Format: date */
            decidedOn: string;
            /** @default null */
            note?: string | null;
        };
        PartyIntroductionEntry: {
            id: string;
            /** Format: date */
            introducedOn: string;
            branchId: string;
            decisionNumber: string;
            note: string | null;
            /** @enum {string} */
            state: "pending" | "admitted" | "not_admitted" | "withdrawn";
            /** Format: date */
            decidedOn: string | null;
            decisionNote: string | null;
            /** @description Username of who recorded the introduction */
            recordedBy: string;
            memberId: string;
            fullName: string;
            /** @description The unit of the member’s branch */
            unitId: string;
            /** @description The member’s branch now */
            memberBranchId: string;
        };
        IncomingTransfer: {
            id: string;
            /** @enum {string} */
            status: "pending" | "accepted";
            from: {
                tenantId: string;
                memberId: string;
            };
            /** @description The unit it is addressed to: its officers handle it; unaddressed ones go to the organization’s admins */
            destinationUnitId: string | null;
            reason: string;
            /** Format: date */
            effectiveDate: string;
            person: {
                fullName: string;
                /** @enum {string} */
                gender: "male" | "female";
                /** Format: date */
                birthDate: string;
                nationalIdMasked: string | null;
                phone: string | null;
                education: string | null;
                occupation: string | null;
                address: string | null;
                veteranService: components["schemas"]["VeteranService"];
            };
            /** Format: date-time */
            createdAt: string;
            acceptedMemberId: string | null;
        };
        AcceptTransfer: {
            branchId: string;
            /** Format: date */
            joinedAt?: string;
        };
        ImportResult: {
            id: string;
            rows: number;
            /** @description New members, admitted from the file */
            created: number;
            /** @description Members found (by CCCD, else name and birth date in the branch) whose details changed */
            updated: number;
            unchanged: number;
            warnings: {
                /** @description As the spreadsheet numbers it: the headers are row 1 */
                row: number;
                column: string | null;
                /** @enum {string|null} */
                field: "fullName" | "gender" | "birthDate" | "nationalId" | "phone" | "cardNumber" | "branch" | "hamlet" | "commune" | "status" | "awayPlace" | "joinedAt" | "occupation" | "address" | "ethnicity" | "religion" | "education" | "notes" | null;
                code: string;
                /** @enum {string} */
                severity: "error" | "warning";
                sameAsRow?: number;
                message: string;
                messageEn: string;
            }[];
        };
        ImportCheck: {
            /** @description Data rows read, blank rows aside */
            rows: number;
            /** @description Rows that would be admitted as they are */
            ready: number;
            columns: {
                header: string;
                /**
                 * @description null: a column the import does not read
                 * @enum {string|null}
                 */
                field: "fullName" | "gender" | "birthDate" | "nationalId" | "phone" | "cardNumber" | "branch" | "hamlet" | "commune" | "status" | "awayPlace" | "joinedAt" | "occupation" | "address" | "ethnicity" | "religion" | "education" | "notes" | null;
            }[];
            problems: {
                /** @description As the spreadsheet numbers it: the headers are row 1 */
                row: number;
                column: string | null;
                /** @enum {string|null} */
                field: "fullName" | "gender" | "birthDate" | "nationalId" | "phone" | "cardNumber" | "branch" | "hamlet" | "commune" | "status" | "awayPlace" | "joinedAt" | "occupation" | "address" | "ethnicity" | "religion" | "education" | "notes" | null;
                code: string;
                /** @enum {string} */
                severity: "error" | "warning";
                sameAsRow?: number;
                message: string;
                messageEn: string;
            }[];
        };
        ImportUpload: {
            import: components["schemas"]["ImportProgress"];
            upload: {
                /** @description Absolute, or relative to this API (one machine) */
                url: string;
                /** @enum {string} */
                method: "PUT";
                /** @description Send them as they are: they are signed */
                headers: {
                    [key: string]: string;
                };
                expiresAt: string;
            };
        };
        ImportProgress: {
            id: string;
            /**
             * @description uploading: waiting for its file (an upload); running; done; refused: an uploaded file the worker would not import (see refusal)
             * @enum {string}
             */
            state: "uploading" | "running" | "done" | "refused";
            /** @description Rows of the file ready to import */
            rows: number;
            /** @description Rows written so far (created, updated or unchanged) */
            processed: number;
            created: number;
            updated: number;
            unchanged: number;
            unitId: string | null;
            by: {
                userId: string;
                username: string;
            };
            startedAt: string;
            updatedAt: string;
            finishedAt: string | null;
            /** @description Running, but no progress for five minutes: the import stopped. Send the same file again with the same Idempotency-Key to go on (an upload: POST …/start again). */
            stalled: boolean;
            /** @description The uploaded file this import reads; null for a file sent in the request */
            upload: {
                /** @enum {string} */
                format: "csv" | "xlsx";
                size: number;
            } | null;
            /** @description Why an uploaded file was not imported; nothing of it was written */
            refusal: {
                code: string;
                message: string;
                messageEn: string;
            } | null;
            /** @description A refused file with rows in error: the file itself with a first column saying what is wrong with each row. The link is good for 15 minutes; read the progress again for a fresh one. */
            checked: {
                url: string;
                expiresAt: string;
            } | null;
        };
        ImportUploadRequest: {
            /** @enum {string} */
            format: "csv" | "xlsx";
            /** @description The file’s exact size in bytes: the link takes no other */
            size: number;
            /** @description The unit whose branches the rows name (by default the caller’s scope) */
            unitId?: string;
        };
        /** @description The branch’s current members, in name order, with their rating */
        BranchMemberRatings: {
            branchId: string;
            year: number;
            members: {
                memberId: string;
                fullName: string;
                /** @enum {string|null} */
                level: "excellent" | "good" | "fulfilled" | "not_fulfilled" | null;
            }[];
        };
        /** @description Ratings of members of the branch; members left out keep theirs */
        RateMembers: {
            ratings: {
                memberId: string;
                /** @enum {string} */
                level: "excellent" | "good" | "fulfilled" | "not_fulfilled";
            }[];
        };
        RatingCriteria: {
            year: number;
            /** @enum {string} */
            branchKind: "residential" | "professional" | "agency";
            criteria: components["schemas"]["RatingCriterion"][];
            thresholds: components["schemas"]["RatingThresholds"];
            /**
             * @default null
             * @example Chi đoàn khu dân cư đạt chuẩn
             */
            standardName?: string | null;
            /** @description A rating of this set was submitted: the set no longer changes */
            locked: boolean;
            /** Format: date-time */
            updatedAt: string;
            /** @description Username of who saved this version */
            updatedBy: string;
            /** @description Bumped by every change; the ETag */
            version: number;
        };
        RatingCriterion: {
            /** @example sinh-hoat-dinh-ky */
            id: string;
            /** @example Tổ chức sinh hoạt chi đoàn định kỳ hằng tháng */
            label: string;
            /** @description Its share of the weighted score */
            weight: number;
            /** @description Required for the standard (if the set names one) */
            required: boolean;
            /** @enum {string} */
            kind: "yes_no";
        } | {
            /** @example sinh-hoat-dinh-ky */
            id: string;
            /** @example Tổ chức sinh hoạt chi đoàn định kỳ hằng tháng */
            label: string;
            /** @description Its share of the weighted score */
            weight: number;
            /** @description Required for the standard (if the set names one) */
            required: boolean;
            /** @enum {string} */
            kind: "score";
            max: number;
            /** @description A score at least this meets the criterion */
            pass: number;
        };
        /**
         * @description Lowest weighted score (%) of each level, strong > good > average; below average is weak
         * @example {
         *       "strong": 90,
         *       "good": 70,
         *       "average": 50
         *     }
         */
        RatingThresholds: {
            strong: number;
            good: number;
            average: number;
        };
        SaveRatingCriteria: {
            criteria: components["schemas"]["RatingCriterion"][];
            thresholds: components["schemas"]["RatingThresholds"];
            /**
             * @default null
             * @example Chi đoàn khu dân cư đạt chuẩn
             */
            standardName?: string | null;
        };
        BranchRating: {
            id: string;
            branchId: string;
            branchName: string;
            /** @enum {string} */
            branchKind: "residential" | "professional" | "agency";
            year: number;
            /** @description The branch’s unit */
            unitId: string;
            /** @description The branch’s unit and its ancestors, province first */
            unitIds: string[];
            /** @description The commune the branch is in; null above communes */
            communeId: string | null;
            /** @description The version of the criteria set it was scored by */
            criteriaVersion: number;
            standardName: string | null;
            answers: {
                [key: string]: components["schemas"]["RatingAnswer"];
            };
            /** @description Weighted score, %, two decimals */
            scorePercent: number;
            /**
             * @description strong: vững mạnh/mạnh; good: khá; average: trung bình; weak: yếu kém
             * @enum {string}
             */
            proposedLevel: "strong" | "good" | "average" | "weak";
            /** @description Every required criterion met; null when the set names no standard */
            standardMet: boolean | null;
            /**
             * @description strong: vững mạnh/mạnh; good: khá; average: trung bình; weak: yếu kém
             * @enum {string}
             */
            level: "strong" | "good" | "average" | "weak";
            /** @description Why level differs from proposedLevel */
            overrideReason: string | null;
            /** @enum {string} */
            state: "draft" | "submitted" | "returned" | "approved";
            /** @description Why it was last returned, until resubmitted */
            returnReason: string | null;
            /** @description Why it was last unlocked, until resubmitted */
            unlockReason: string | null;
            /** Format: date-time */
            submittedAt: string | null;
            submittedBy: string | null;
            /**
             * Format: date-time
             * @description When it was approved or returned
             */
            decidedAt: string | null;
            decidedBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            /** @description Bumped by every change; the ETag */
            version: number;
        };
        RatingAnswer: {
            met: boolean | null;
            score: number | null;
            note: string | null;
        };
        SaveBranchRating: {
            /** @description By criterion id; a criterion left out (or with a note only) is not answered yet */
            answers: {
                [key: string]: {
                    /** @description Yes/no criteria */
                    met?: boolean;
                    /** @description Scored criteria, up to their max */
                    score?: number;
                    note?: string | null;
                };
            };
            /**
             * @description Defaults to the proposed level; another one needs overrideReason
             * @enum {string}
             */
            level?: "strong" | "good" | "average" | "weak";
            overrideReason?: string | null;
        };
        EmptyBody: Record<string, never>;
        RatingReason: {
            /** @example Chưa có biên bản sinh hoạt quý III */
            reason: string;
        };
        BranchRatingProgress: {
            year: number;
            unitId: string;
            rows: {
                unitId: string;
                name: string;
                /** @description The unit’s own branches, not those of a unit below it */
                own: boolean;
                /** @description Active branches of the kinds with a criteria set that year */
                branches: number;
                /** @description Of them, with a rating submitted or approved */
                rated: number;
                approved: number;
                /** @description branches − rated */
                missing: number;
            }[];
            total: {
                /** @description Active branches of the kinds with a criteria set that year */
                branches: number;
                /** @description Of them, with a rating submitted or approved */
                rated: number;
                approved: number;
                /** @description branches − rated */
                missing: number;
            };
            /** @description The kinds with a criteria set that year */
            branchKinds: ("residential" | "professional" | "agency")[];
        };
        MemberReviewCampaign: {
            year: number;
            /** Format: date */
            deadline: string;
            /** @enum {string} */
            state: "open" | "closed";
            /** Format: date-time */
            openedAt: string;
            openedBy: string;
            /** Format: date-time */
            closedAt: string | null;
            closedBy: string | null;
            /** @description Bumped by every change */
            version: number;
        };
        OpenMemberReview: {
            /** @example 2026 */
            year: number;
            /**
             * Format: date
             * @description When branches are asked to be done; not before today
             */
            deadline: string;
        };
        MemberReviewProgress: {
            year: number;
            unitId: string;
            rows: {
                unitId: string;
                name: string;
                /** @description The unit’s own branches, not those of a unit below it */
                own: boolean;
                /** @description Branches not dissolved, from the figures */
                branches: number;
                /** @description Of them, declared done */
                done: number;
                /** @description branches − done */
                missing: number;
                /** @description Current members, from the figures (a few seconds behind) */
                members: number;
                /** @description Members confirmed, as the branches’ reviews last counted them */
                reviewed: number;
            }[];
            total: {
                /** @description Branches not dissolved, from the figures */
                branches: number;
                /** @description Of them, declared done */
                done: number;
                /** @description branches − done */
                missing: number;
                /** @description Current members, from the figures (a few seconds behind) */
                members: number;
                /** @description Members confirmed, as the branches’ reviews last counted them */
                reviewed: number;
            };
            /** @description The branches not done listed right under the unit and, under a commune, under its hamlets, by unit and name; drill down for those further below */
            branchesLeft: {
                branchId: string;
                name: string;
                unitId: string;
                unitName: string;
                /** @description Current members, as the branch’s review last counted them; null before it started */
                members: number | null;
                reviewed: number;
            }[];
        };
        /** @description The branch’s current members, in name order, each with whether the campaign confirmed them */
        BranchMemberReview: {
            year: number;
            branchId: string;
            branchName: string;
            campaign: components["schemas"]["MemberReviewCampaign"];
            done: boolean;
            /** Format: date-time */
            doneAt: string | null;
            counts: {
                /** @description Current members of the branch */
                members: number;
                /** @description Of them, confirmed in their current status */
                reviewed: number;
                active: number;
                away: number;
                lapsed: number;
                /** @description Members whose membership the review ended (removed, deceased, graduated) */
                left: number;
            };
            members: {
                memberId: string;
                fullName: string;
                /** @enum {string} */
                status: "active" | "away" | "lapsed" | "transferred_out" | "removed" | "deceased" | "graduated";
                awayPlace: string | null;
                /** @description Confirmed in the campaign, in the status it has now */
                reviewed: boolean;
                confirmation: components["schemas"]["MemberReviewConfirmation"];
            }[];
        };
        MemberReviewConfirmation: {
            /** @enum {string} */
            status: "active" | "away" | "lapsed" | "transferred_out" | "removed" | "deceased" | "graduated";
            /** @description Whether the review changed the status (an audited status change) */
            changed: boolean;
            /** Format: date-time */
            at: string;
            by: string;
        } | null;
        ConfirmMemberReview: {
            /** @default [] */
            confirm?: {
                memberId: string;
                /**
                 * @description The status as it stands confirms it; another one is a change of status
                 * @enum {string}
                 */
                status: "active" | "away" | "lapsed" | "removed" | "deceased" | "graduated";
                /** @description Where the member works, for a change to away; a confirmation takes the place as it stands (another one is refused: only_with_change) */
                awayPlace?: string | null;
                /** @description Needed for a change */
                reason?: string | null;
                /**
                 * Format: date
                 * @description Of a change; today by default
                 */
                effectiveDate?: string;
            }[];
            /**
             * @description Also confirm every current member not yet reviewed, as they stand
             * @default false
             */
            confirmRest?: boolean;
        };
        EligibilityRules: {
            minAge: number;
            maxAge: number | null;
            /** @description null: anyone */
            genders: ("male" | "female")[] | null;
            requiresMilitaryService: boolean;
        };
        ApiKey: {
            id: string;
            description: string;
            scopes: ("members:read" | "members:write" | "figures:read" | "webhooks:manage")[];
            /** @description The first characters of the key, to tell keys apart */
            hint: string;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: date-time */
            validUntil: string;
            /**
             * Format: date-time
             * @description Last request with the key, to the minute
             */
            lastUsedAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            revokedBy: string | null;
        };
        CreatedApiKey: {
            id: string;
            description: string;
            scopes: ("members:read" | "members:write" | "figures:read" | "webhooks:manage")[];
            /** @description The first characters of the key, to tell keys apart */
            hint: string;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: date-time */
            validUntil: string;
            /**
             * Format: date-time
             * @description Last request with the key, to the minute
             */
            lastUsedAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            revokedBy: string | null;
            /** @description The key itself, shown this once: only its hash is kept */
            key: string;
        };
        ApiKeyInput: {
            /** @description What the key is for, e.g. "Zalo bot of the province" */
            description: string;
            scopes: ("members:read" | "members:write" | "figures:read" | "webhooks:manage")[];
            /**
             * Format: date-time
             * @description When the key stops working: in the future, at most a year away
             */
            validUntil: string;
        };
        WebhookWithSecret: {
            id: string;
            /**
             * Format: uri
             * @example https://example.org/doanthe-hook
             */
            url: string;
            eventTypes: components["schemas"]["WebhookEventType"][];
            description: string;
            enabled: boolean;
            /** @enum {string|null} */
            disabledReason: "manual" | "gone" | "failing" | null;
            /** Format: date-time */
            failingSince: string | null;
            createdBy: {
                userId: string;
                username: string;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
            /** @description Receives sensitive fields (Party membership) */
            sensitiveFields: boolean;
            /** Format: date-time */
            previousSecretValidUntil: string | null;
            /**
             * @description whsec_…: shown this once
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
        };
        /**
         * @description member.created: A member was admitted or transferred in / Kết nạp hoặc nhận chuyển đến một hội viên; member.updated: A member’s fields changed / Sửa thông tin hội viên; member.status_changed: A member’s status changed / Đổi tình trạng sinh hoạt; member.transferred: A member moved to another branch / Chuyển sinh hoạt trong tổ chức; member.transferred_out: A member left for another organization or place / Chuyển sinh hoạt ra ngoài; branch.created: A branch was set up / Thành lập chi hội, chi đoàn; branch.dissolved: A branch was dissolved / Giải thể chi hội, chi đoàn; branch.rating_approved: A branch’s yearly rating was approved / Duyệt xếp loại chi hội; unit.target_set (aggregate): A unit’s target population was set / Đặt số đối tượng cần tập hợp; snapshot.taken (aggregate): Month-end figures were taken or revised / Chốt hoặc điều chỉnh số liệu cuối kỳ
         * @enum {string}
         */
        WebhookEventType: "member.created" | "member.updated" | "member.status_changed" | "member.transferred" | "member.transferred_out" | "branch.created" | "branch.dissolved" | "branch.rating_approved" | "unit.target_set" | "snapshot.taken";
        CreateWebhook: {
            /**
             * Format: uri
             * @example https://example.org/doanthe-hook
             */
            url: string;
            eventTypes: components["schemas"]["WebhookEventType"][];
            /** @default  */
            description?: string;
        };
        Webhook: {
            id: string;
            /**
             * Format: uri
             * @example https://example.org/doanthe-hook
             */
            url: string;
            eventTypes: components["schemas"]["WebhookEventType"][];
            description: string;
            enabled: boolean;
            /** @enum {string|null} */
            disabledReason: "manual" | "gone" | "failing" | null;
            /** Format: date-time */
            failingSince: string | null;
            createdBy: {
                userId: string;
                username: string;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
            /** @description Receives sensitive fields (Party membership) */
            sensitiveFields: boolean;
            /** Format: date-time */
            previousSecretValidUntil: string | null;
        };
        /** @description Only the fields sent change */
        UpdateWebhook: {
            /**
             * Format: uri
             * @example https://example.org/doanthe-hook
             */
            url?: string;
            eventTypes?: components["schemas"]["WebhookEventType"][];
            description?: string;
            /** @description false disables it (reason "manual"); true enables it again */
            enabled?: boolean;
        };
        WebhookDelivery: {
            id: string;
            endpointId: string;
            type: string;
            /** Format: date-time */
            createdAt: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed" | "skipped";
            attempts: components["schemas"]["WebhookAttempt"][];
            /** Format: date-time */
            nextAttemptAt: string | null;
            payload: components["schemas"]["WebhookPayload"];
        };
        WebhookAttempt: {
            /** Format: date-time */
            at: string;
            statusCode: number | null;
            durationMs: number;
            /** @description Why no answer came: time-out, refused address, … */
            error: string | null;
            /** @description The first bytes of the answer */
            responseExcerpt: string | null;
            replay: boolean;
        };
        WebhookPayload: components["schemas"]["WebhookEvent.member.created"] | components["schemas"]["WebhookEvent.member.updated"] | components["schemas"]["WebhookEvent.member.status_changed"] | components["schemas"]["WebhookEvent.member.transferred"] | components["schemas"]["WebhookEvent.member.transferred_out"] | components["schemas"]["WebhookEvent.branch.created"] | components["schemas"]["WebhookEvent.branch.dissolved"] | components["schemas"]["WebhookEvent.branch.rating_approved"] | components["schemas"]["WebhookEvent.unit.target_set"] | components["schemas"]["WebhookEvent.snapshot.taken"] | components["schemas"]["WebhookEvent.webhook.test"];
        RecountReport: {
            /** @description Members read (current and former) */
            members: number;
            branches: number;
            /** @description Branch ratings read, of every year and state */
            branchRatings: number;
            /** @description Branch reviews read, of every year */
            branchReviews: number;
            units: number;
            differences: {
                unitId: string;
                /** @example members_active */
                counter: string;
                stored: number;
                recounted: number;
            }[];
            applied: boolean;
        };
        RecountRequest: {
            /**
             * @description Also correct the stored figures (adds each difference)
             * @default false
             */
            apply?: boolean;
        };
        Target: {
            unitId: string;
            year: number;
            targetPopulation: number;
            /** @enum {string} */
            level: "province" | "district" | "commune" | "hamlet";
            path: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        SetTarget: {
            /**
             * @description Eligible people present locally to gather this year
             * @example 1250
             */
            targetPopulation: number;
        };
        Stats: {
            unitId: string;
            name: string;
            /** @enum {string} */
            level: "province" | "district" | "commune" | "hamlet";
            members: components["schemas"]["MemberCounts"];
            gender: {
                /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
                male: number | null;
                /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
                female: number | null;
            };
            /** @description Current members by age reached in the year of the figures */
            ageBands: {
                /** @example 16-18 */
                band: string;
                /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
                count: number | null;
            }[];
            /** @description Current members in professional branches */
            professional: number | null;
            branches: components["schemas"]["BranchCounts"];
            /** @description Σ of the targets that speak for the subtree (the topmost ones); null when none is set */
            targetPopulation: number | null;
            /** @description Active members ÷ target population, a fraction to 4 decimals (0.5864 = 58.64 %) */
            coverage: number | null;
            /** @description Target population not yet gathered as active members */
            notYetGathered: number | null;
            /** @description Units at the lowest level in the subtree with no target on them or above them */
            unitsWithoutTarget: number | null;
            party: components["schemas"]["PartyCounts"];
            memberRatings: components["schemas"]["MemberRatingCounts"];
            branchRatings: components["schemas"]["BranchRatingCounts"];
            review: components["schemas"]["MemberReviewCounts"];
            /** @description Some counts of this row are hidden: fewer than 5 people below commune level, or counts that would give those back */
            suppressed: boolean;
            /** Format: date */
            asOf: string;
            /** @description Present when `unitId` was an old commune’s code or name (the official 2025 table) or a unit closed before the day: what was asked for */
            resolvedFrom?: {
                /** @description The closed unit of the map; null: known from the official table only */
                unitId: string | null;
                code: string | null;
                name: string;
                /** @description Split between several units; this one is where it is counted */
                partial: boolean;
            };
            /**
             * Format: date
             * @description The snapshot that answered; null: current figures
             */
            snapshot: string | null;
            /**
             * Format: date
             * @description The day the figures stand for
             */
            figuresDate: string;
            targetYear: number;
            missingTargets: components["schemas"]["UnitWithoutTarget"][];
            children: components["schemas"]["UnitFigures"][];
        };
        MemberCounts: {
            /** @description Current members: active + away + lapsed */
            total: number | null;
            /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
            active: number | null;
            /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
            away: number | null;
            /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
            lapsed: number | null;
            /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
            transferredOut: number | null;
            /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
            removed: number | null;
            /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
            deceased: number | null;
            /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
            graduated: number | null;
        };
        BranchCounts: {
            /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
            total: number | null;
            /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
            residential: number | null;
            /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
            professional: number | null;
            /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
            agency: number | null;
        };
        PartyCounts: {
            /**
             * @description The calendar year counted: the year of the day asked about (asOf, or `from` / `to`)
             * @example 2026
             */
            year: number;
            /** @description Introductions to the Party made in the year (giới thiệu đoàn viên, hội viên ưu tú cho Đảng xem xét, kết nạp), withdrawn ones left out, as known on the day the figures stand for. Former members count too, where they are now */
            introduced: number | null;
            /** @description Introductions answered by admission to the Party in the year */
            admitted: number | null;
        };
        MemberRatingCounts: {
            /**
             * @description The year rated: the year of the day asked about (asOf, or `from` / `to`)
             * @example 2026
             */
            year: number;
            /** @description Members rated for the year by level (hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ), as known on the day the figures stand for. Former members rated that year count too, where they are now */
            counts: {
                /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
                excellent: number | null;
                /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
                good: number | null;
                /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
                fulfilled: number | null;
                /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
                not_fulfilled: number | null;
            };
            /** @description Members rated for the year: the sum of the four counts */
            rated: number | null;
            percentages: {
                /** @description Percentage of the members rated, to 2 decimals (64.09 = 64.09 %); the four add up to exactly 100.00 (largest remainder), all 0 when nobody is rated; null with its count or with `rated` */
                excellent: number | null;
                /** @description Percentage of the members rated, to 2 decimals (64.09 = 64.09 %); the four add up to exactly 100.00 (largest remainder), all 0 when nobody is rated; null with its count or with `rated` */
                good: number | null;
                /** @description Percentage of the members rated, to 2 decimals (64.09 = 64.09 %); the four add up to exactly 100.00 (largest remainder), all 0 when nobody is rated; null with its count or with `rated` */
                fulfilled: number | null;
                /** @description Percentage of the members rated, to 2 decimals (64.09 = 64.09 %); the four add up to exactly 100.00 (largest remainder), all 0 when nobody is rated; null with its count or with `rated` */
                not_fulfilled: number | null;
            };
        };
        BranchRatingCounts: {
            /**
             * @description The year rated: the year of the day asked about (asOf, or `from` / `to`)
             * @example 2026
             */
            year: number;
            /** @description Branches by the level of their approved rating (vững mạnh/mạnh, khá, trung bình, yếu kém); a rating unlocked back to a draft does not count until approved again. Branches are not people: never hidden */
            byLevel: {
                strong: {
                    /** @description Branches whose approved rating of the year is at this level */
                    count: number | null;
                    /** @description Percentage of the branches rated, to 2 decimals (64.09 = 64.09 %); the four add up to exactly 100.00 (largest remainder), all 0 when none is rated; null when the counts are unknown */
                    percent: number | null;
                };
                good: {
                    /** @description Branches whose approved rating of the year is at this level */
                    count: number | null;
                    /** @description Percentage of the branches rated, to 2 decimals (64.09 = 64.09 %); the four add up to exactly 100.00 (largest remainder), all 0 when none is rated; null when the counts are unknown */
                    percent: number | null;
                };
                average: {
                    /** @description Branches whose approved rating of the year is at this level */
                    count: number | null;
                    /** @description Percentage of the branches rated, to 2 decimals (64.09 = 64.09 %); the four add up to exactly 100.00 (largest remainder), all 0 when none is rated; null when the counts are unknown */
                    percent: number | null;
                };
                weak: {
                    /** @description Branches whose approved rating of the year is at this level */
                    count: number | null;
                    /** @description Percentage of the branches rated, to 2 decimals (64.09 = 64.09 %); the four add up to exactly 100.00 (largest remainder), all 0 when none is rated; null when the counts are unknown */
                    percent: number | null;
                };
            };
            /** @description Branches with an approved rating of the year: the sum of the four */
            rated: number | null;
            /** @description By branch kind, every kind: the Youth Union’s 515 of 699 residential branches */
            standards: {
                /** @enum {string} */
                kind: "residential" | "professional" | "agency";
                /** @description Of those rated against the standard, the ones meeting it */
                met: number | null;
                /** @description Branches of the kind with an approved rating whose criteria set names a standard */
                rated: number | null;
                /** @description met ÷ rated as a percentage to 2 decimals; null when none is rated */
                percent: number | null;
            }[];
        };
        MemberReviewCounts: {
            /**
             * @description The year reviewed: the year of the day asked about (asOf, or `from` / `to`)
             * @example 2026
             */
            year: number;
            /** @description Branches whose review of the year has started */
            branches: number | null;
            /** @description Of them, the branches done */
            done: number | null;
            /** @description Current members of those branches, as of each review’s last write */
            members: number | null;
            /** @description Of them, confirmed in their current status: active + away + lapsed */
            reviewed: number | null;
            /** @description Reviewed and found present */
            active: number | null;
            /** @description Reviewed and found away */
            away: number | null;
            /** @description Reviewed and found lapsed */
            lapsed: number | null;
            /** @description Members whose membership the review ended (removed, deceased, graduated) */
            left: number | null;
            /** @description The previous year’s review, as known on the same day; null when none of its branches was reviewed */
            previousYear: {
                year: number;
                /** @description Branches whose review of the year has started */
                branches: number | null;
                /** @description Of them, the branches done */
                done: number | null;
                /** @description Current members of those branches, as of each review’s last write */
                members: number | null;
                /** @description Of them, confirmed in their current status: active + away + lapsed */
                reviewed: number | null;
                /** @description Reviewed and found present */
                active: number | null;
                /** @description Reviewed and found away */
                away: number | null;
                /** @description Reviewed and found lapsed */
                lapsed: number | null;
                /** @description Members whose membership the review ended (removed, deceased, graduated) */
                left: number | null;
            } | null;
        };
        UnitWithoutTarget: {
            unitId: string;
            name: string;
            /** @enum {string} */
            level: "province" | "district" | "commune" | "hamlet";
            parentId: string | null;
        };
        UnitFigures: {
            unitId: string;
            name: string;
            /** @enum {string} */
            level: "province" | "district" | "commune" | "hamlet";
            members: components["schemas"]["MemberCounts"];
            gender: {
                /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
                male: number | null;
                /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
                female: number | null;
            };
            /** @description Current members by age reached in the year of the figures */
            ageBands: {
                /** @example 16-18 */
                band: string;
                /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
                count: number | null;
            }[];
            /** @description Current members in professional branches */
            professional: number | null;
            branches: components["schemas"]["BranchCounts"];
            /** @description Σ of the targets that speak for the subtree (the topmost ones); null when none is set */
            targetPopulation: number | null;
            /** @description Active members ÷ target population, a fraction to 4 decimals (0.5864 = 58.64 %) */
            coverage: number | null;
            /** @description Target population not yet gathered as active members */
            notYetGathered: number | null;
            /** @description Units at the lowest level in the subtree with no target on them or above them */
            unitsWithoutTarget: number | null;
            party: components["schemas"]["PartyCounts"];
            memberRatings: components["schemas"]["MemberRatingCounts"];
            branchRatings: components["schemas"]["BranchRatingCounts"];
            review: components["schemas"]["MemberReviewCounts"];
            /** @description Some counts of this row are hidden: fewer than 5 people below commune level, or counts that would give those back */
            suppressed: boolean;
        };
        FrontOverview: {
            unitId: string;
            name: string;
            /** @enum {string} */
            level: "province" | "district" | "commune" | "hamlet";
            organizations: components["schemas"]["OrganizationFigures"][];
            total: components["schemas"]["TotalFigures"];
            /** Format: date */
            asOf: string;
            /** @description Present when `unitId` was an old commune’s code or name (the official 2025 table) or a unit closed before the day: what was asked for */
            resolvedFrom?: {
                /** @description The closed unit of the map; null: known from the official table only */
                unitId: string | null;
                code: string | null;
                name: string;
                /** @description Split between several units; this one is where it is counted */
                partial: boolean;
            };
            sources: components["schemas"]["FiguresSource"][];
            children: components["schemas"]["FrontUnitFigures"][];
        };
        OrganizationFigures: {
            /** @enum {string} */
            organization: "farmers" | "women" | "veterans" | "youth";
            members: components["schemas"]["MemberCounts"];
            /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
            professional: number | null;
            branches: components["schemas"]["BranchCounts"];
            /** @description Σ of the targets that speak for the subtree (the topmost ones); null when none is set */
            targetPopulation: number | null;
            /** @description Active members ÷ target population, a fraction to 4 decimals (0.5864 = 58.64 %) */
            coverage: number | null;
            /** @description Target population not yet gathered as active members */
            notYetGathered: number | null;
            /** @description Units at the lowest level in the subtree with no target on them or above them */
            unitsWithoutTarget: number | null;
            party: components["schemas"]["PartyCounts"];
            memberRatings: components["schemas"]["MemberRatingCounts"];
            branchRatings: components["schemas"]["BranchRatingCounts"];
            review: components["schemas"]["MemberReviewCounts"];
            /** @description Some counts of this row are hidden: fewer than 5 people below commune level, or counts that would give those back */
            suppressed: boolean;
        };
        TotalFigures: {
            members: components["schemas"]["MemberCounts"];
            /** @description null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day */
            professional: number | null;
            branches: components["schemas"]["BranchCounts"];
            /** @description Σ of the targets that speak for the subtree (the topmost ones); null when none is set */
            targetPopulation: number | null;
            /** @description Active members ÷ target population, a fraction to 4 decimals (0.5864 = 58.64 %) */
            coverage: number | null;
            /** @description Target population not yet gathered as active members */
            notYetGathered: number | null;
            /** @description Units at the lowest level in the subtree with no target on them or above them */
            unitsWithoutTarget: number | null;
            party: components["schemas"]["PartyCounts"];
            memberRatings: components["schemas"]["MemberRatingCounts"];
            branchRatings: components["schemas"]["BranchRatingCounts"];
            review: components["schemas"]["MemberReviewCounts"];
            /** @description Distinct people among the four organizations’ current members (a person in two organizations counts once, matched by a keyed hash of the national id; members without one count as distinct). Counted for the province, districts and communes; null for hamlets */
            uniquePersons: number | null;
            /** @description Some counts of this row are hidden: fewer than 5 people below commune level, or counts that would give those back */
            suppressed: boolean;
        };
        FiguresSource: {
            /** @enum {string} */
            tenant: "farmers" | "women" | "veterans" | "youth" | "front";
            /** Format: date */
            snapshot: string | null;
            /** Format: date */
            figuresDate: string;
            /** @description false: no figures were recorded on or before the day */
            available: boolean;
            /** @description The year whose targets coverage used */
            targetYear: number;
            /** @description Revised figures (số liệu điều chỉnh): the snapshot read was corrected after it was taken; its latest revision is read */
            revised: boolean;
            /** @description The corrections of the snapshot read, oldest first, each with its reason */
            revisions: components["schemas"]["SnapshotCorrection"][];
        };
        SnapshotCorrection: {
            revision: number;
            /** Format: date-time */
            revisedAt: string;
            reason: string;
        };
        FrontUnitFigures: {
            unitId: string;
            name: string;
            /** @enum {string} */
            level: "province" | "district" | "commune" | "hamlet";
            organizations: components["schemas"]["OrganizationFigures"][];
            total: components["schemas"]["TotalFigures"];
        };
        FrontComparison: {
            unitId: string;
            name: string;
            /** @enum {string} */
            level: "province" | "district" | "commune" | "hamlet";
            organizations: {
                /** @enum {string} */
                organization: "farmers" | "women" | "veterans" | "youth";
                fromFigures: components["schemas"]["OrganizationFigures"];
                toFigures: components["schemas"]["OrganizationFigures"];
                change: components["schemas"]["FiguresChange"];
            }[];
            total: {
                fromFigures: components["schemas"]["TotalFigures"];
                toFigures: components["schemas"]["TotalFigures"];
                change: components["schemas"]["FiguresChange"];
            };
            /** @description The units of `from`, closed since, whose figures the `from` side sums with the row’s own (a merger); absent when the row stood as it is */
            includes?: {
                unitId: string;
                name: string;
                /** @description Split between several units since: counted whole here, in the first of them */
                partial: boolean;
            }[];
            /** @description Present when `unitId` was an old commune’s code or name (the official 2025 table) or a unit closed before the day: what was asked for */
            resolvedFrom?: {
                /** @description The closed unit of the map; null: known from the official table only */
                unitId: string | null;
                code: string | null;
                name: string;
                /** @description Split between several units; this one is where it is counted */
                partial: boolean;
            };
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            sources: {
                from: components["schemas"]["FiguresSource"][];
                to: components["schemas"]["FiguresSource"][];
            };
            /** @description The sentence a report writes about the unit’s total */
            summary: {
                vi: string;
                en: string;
            };
            children: components["schemas"]["FrontUnitComparison"][];
        };
        FiguresChange: {
            members: {
                total: number | null;
                active: number | null;
                away: number | null;
                lapsed: number | null;
                transferredOut: number | null;
                removed: number | null;
                deceased: number | null;
                graduated: number | null;
            };
            professional: number | null;
            branches: {
                total: number | null;
                residential: number | null;
                professional: number | null;
                agency: number | null;
            };
            targetPopulation: number | null;
            /** @description Change of coverage in percentage points, to 2 decimals (9.46) */
            coveragePoints: number | null;
            notYetGathered: number | null;
            uniquePersons: number | null;
            /** @description The year of `to`’s introductions and admissions less those of `from`’s year, each as of its day */
            party: {
                introduced: number | null;
                admitted: number | null;
            };
            /** @description The members rated for `to`’s year less those rated for `from`’s year */
            memberRatings: {
                counts: {
                    excellent: number | null;
                    good: number | null;
                    fulfilled: number | null;
                    not_fulfilled: number | null;
                };
                rated: number | null;
            };
            /** @description The branches rated for `to`’s year less those rated for `from`’s year */
            branchRatings: {
                byLevel: {
                    strong: number | null;
                    good: number | null;
                    average: number | null;
                    weak: number | null;
                };
                rated: number | null;
                standards: {
                    /** @enum {string} */
                    kind: "residential" | "professional" | "agency";
                    met: number | null;
                    rated: number | null;
                }[];
            };
            /** @description The review of `to`’s year less that of `from`’s year */
            review: {
                branches: number | null;
                done: number | null;
                members: number | null;
                reviewed: number | null;
                active: number | null;
                away: number | null;
                lapsed: number | null;
                left: number | null;
            };
        };
        FrontUnitComparison: {
            unitId: string;
            name: string;
            /** @enum {string} */
            level: "province" | "district" | "commune" | "hamlet";
            organizations: {
                /** @enum {string} */
                organization: "farmers" | "women" | "veterans" | "youth";
                fromFigures: components["schemas"]["OrganizationFigures"];
                toFigures: components["schemas"]["OrganizationFigures"];
                change: components["schemas"]["FiguresChange"];
            }[];
            total: {
                fromFigures: components["schemas"]["TotalFigures"];
                toFigures: components["schemas"]["TotalFigures"];
                change: components["schemas"]["FiguresChange"];
            };
            /** @description The units of `from`, closed since, whose figures the `from` side sums with the row’s own (a merger); absent when the row stood as it is */
            includes?: {
                unitId: string;
                name: string;
                /** @description Split between several units since: counted whole here, in the first of them */
                partial: boolean;
            }[];
        };
        SnapshotResult: {
            /** Format: date */
            date: string;
            tenants: {
                /**
                 * @description existing: the day had a snapshot already and it was kept (scheduled runs only; the API refuses instead)
                 * @enum {string}
                 */
                status: "taken" | "existing";
                units: number;
                copied: number;
                tenantId: string;
            }[];
        };
        SnapshotRequest: {
            /**
             * Format: date
             * @description The day the snapshot stands for; defaults to today (Vietnam)
             */
            date?: string;
            /** @description Platform operators: snapshot every tenant of this province */
            provinceId?: string;
        };
        SnapshotRevision: {
            /** Format: date */
            date: string;
            revision: number;
            /** Format: date-time */
            revisedAt: string;
            reason: string;
            units: number;
            copied: number;
        };
        SnapshotRevisionRequest: {
            /**
             * @description Why the figures are corrected; the Front reads it beside them
             * @example Nhập bổ sung 3 hội viên kết nạp ngày 28/11 bị sót
             */
            reason: string;
        };
    };
    responses: {
        /** @description Invalid input / Dữ liệu không hợp lệ. Codes / Mã lỗi: VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR, NOT_ELIGIBLE, USE_TRANSFER_OUT, EFFECTIVE_DATE_OUT_OF_RANGE, INVALID_IDEMPOTENCY_KEY, SAME_BRANCH, UNIT_RULE_VIOLATED, BRANCH_RULE_VIOLATED, UNIT_NOT_IN_FORCE_IN_YEAR, DATE_BEFORE_ONBOARDING, RATING_OVERRIDE_NEEDS_REASON, IMPORT_COLUMNS_MISSING, IMPORT_UNREADABLE, IMPORT_NOT_UTF8 */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not signed in / Chưa đăng nhập. Codes / Mã lỗi: UNAUTHENTICATED, INVALID_CREDENTIALS, INVALID_REFRESH_TOKEN */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not allowed / Không có quyền. Codes / Mã lỗi: FORBIDDEN, SENSITIVE_FIELDS_FORBIDDEN */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not found / Không tìm thấy. Codes / Mã lỗi: ROUTE_NOT_FOUND, UNIT_NOT_FOUND, BRANCH_NOT_FOUND, PROVINCE_NOT_FOUND, MEMBER_NOT_FOUND, TRANSFER_NOT_FOUND, MAP_PROPOSAL_NOT_FOUND, REORGANIZATION_NOT_FOUND, TARGET_NOT_FOUND, NO_FIGURES_FOR_DATE, SNAPSHOT_NOT_FOUND, MAP_EDITOR_NOT_GRANTABLE, PARTY_INTRODUCTION_NOT_FOUND, RATING_CRITERIA_NOT_FOUND, RATING_NOT_FOUND, REVIEW_NOT_FOUND, API_KEY_NOT_FOUND, WEBHOOK_NOT_FOUND, WEBHOOK_DELIVERY_NOT_FOUND, IMPORT_NOT_FOUND, EXPORT_NOT_FOUND */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Conflict with the current state / Xung đột với trạng thái hiện tại. Codes / Mã lỗi: PROVINCE_EXISTS, USERNAME_TAKEN, INVALID_STATUS_TRANSITION, CANNOT_GRADUATE, MEMBERSHIP_ENDED, NATIONAL_ID_TAKEN, BRANCH_CLOSED, TRANSFER_ALREADY_ACCEPTED, UNIT_EXISTS, MAP_PROPOSAL_DECIDED, REORGANIZATION_NOT_IN_FORCE, REORGANIZATION_UNFINISHED, SNAPSHOT_EXISTS, PARTY_MEMBER_ALREADY, PARTY_INTRODUCTION_PENDING, PARTY_INTRODUCTION_DECIDED, RATING_CRITERIA_IN_USE, RATING_CRITERIA_CHANGED, RATING_NOT_EDITABLE, RATING_INVALID_TRANSITION, RATING_INCOMPLETE, REVIEW_EXISTS, REVIEW_CLOSED, REVIEW_INCOMPLETE, WEBHOOK_LIMIT_REACHED, IMPORT_NOT_UPLOADED */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Changed meanwhile (If-Match) / Hồ sơ đã bị sửa. Codes / Mã lỗi: PRECONDITION_FAILED */
        PreconditionFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Understood but refused / Không thể xử lý yêu cầu. Codes / Mã lỗi: IDEMPOTENCY_KEY_REUSED, IMPORT_HAS_ERRORS */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description If-Match required / Cần If-Match. Codes / Mã lỗi: PRECONDITION_REQUIRED */
        PreconditionRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many requests / Quá nhiều yêu cầu. Codes / Mã lỗi: TOO_MANY_SIGN_IN_ATTEMPTS, API_KEY_RATE_LIMITED */
        TooManyRequests: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Busy, nothing written: send again after Retry-After / Hệ thống bận, chưa lưu: gửi lại sau Retry-After. Codes / Mã lỗi: WRITE_CONFLICT, SERVICE_BUSY */
        Busy: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "username": "dong-thap.farmers",
                 *       "password": "a-long-passphrase"
                 *     }
                 */
                "application/json": components["schemas"]["SignIn"];
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "eyJhbGciOiJFUzI1NiIsImtpZCI6IjIwMjYtMTIifQ.eyJzdWIiOiJ1LTEifQ.c2lnbmF0dXJl",
                     *       "token_type": "Bearer",
                     *       "expires_in": 900,
                     *       "refresh_token": "eyJhbGciOiJFUzI1NiIsImtpZCI6IjIwMjYtMTIifQ.eyJzdWIiOiJ1LTEiLCJmYW0iOiJmLTEifQ.c2lnbmF0dXJl"
                     *     }
                     */
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    refreshToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshToken"];
            };
        };
        responses: {
            /** @description New token pair */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshToken"];
            };
        };
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    getJsonWebKeySet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON Web Key Set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    onboardProvince: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OnboardProvince"];
            };
        };
        responses: {
            /** @description Onboarded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Province"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["Busy"];
        };
    };
    getProvince: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The province */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Province"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    grantMapEditor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Granted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MapEditorGrant"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    revokeMapEditor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MapEditorGrant"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    listUnits: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                parentId?: string;
                /** @description Only units in force on this day; without it, closed units too */
                validOn?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of units */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Unit"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    createUnit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUnit"];
            };
        };
        responses: {
            /** @description The new unit */
            201: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unit"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    getUnit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The unit */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unit"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updateUnit: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUnit"];
            };
        };
        responses: {
            /** @description The unit after the change */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unit"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
        };
    };
    listUnitAudit: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of audit records */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AuditRecord"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    listMapProposals: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                status?: "pending" | "accepted" | "rejected";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of proposals */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["HamletProposal"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    proposeHamlet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProposeHamlet"];
            };
        };
        responses: {
            /** @description The hamlet exists, or the caller joined the pending proposal */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HamletProposalOutcome"];
                };
            };
            /** @description A new proposal */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HamletProposalOutcome"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    acceptMapProposal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptHamletProposal"];
            };
        };
        responses: {
            /** @description The accepted proposal and its hamlet */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedHamletProposal"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["Busy"];
        };
    };
    rejectMapProposal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectHamletProposal"];
            };
        };
        responses: {
            /** @description The rejected proposal */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HamletProposal"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["Busy"];
        };
    };
    listReorganizations: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of reorganizations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Reorganization"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    reorganizeMap: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Reorganize"];
            };
        };
        responses: {
            /** @description Recorded before: the reorganization as applied */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reorganization"];
                };
            };
            /** @description Applied */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reorganization"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    listReorganizationBranches: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Steps and progress */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReorganizationFollowUp"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    applyReorganization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApplyReorganization"];
            };
        };
        responses: {
            /** @description Applied */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReorganizationFollowUp"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    listBranches: {
        parameters: {
            query: {
                limit?: number;
                cursor?: string;
                unitId: string;
                kind?: "residential" | "professional" | "agency";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of branches */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Branch"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    createBranch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBranch"];
            };
        };
        responses: {
            /** @description The new branch */
            201: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Branch"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getBranch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The branch */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Branch"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updateBranch: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateBranch"];
            };
        };
        responses: {
            /** @description The branch after the change */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Branch"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
        };
    };
    listBranchGroups: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of groups */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["BranchGroup"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    addBranchGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBranchGroup"];
            };
        };
        responses: {
            /** @description The new group */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchGroup"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    dissolveBranch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retrying with the same key has one effect and returns the same response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DissolveBranch"];
            };
        };
        responses: {
            /** @description Dissolved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DissolutionResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    exportMembersCsv: {
        parameters: {
            query?: {
                q?: string;
                unitId?: string;
                branchId?: string;
                status?: "active" | "away" | "lapsed" | "transferred_out" | "removed" | "deceased" | "graduated";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The list as CSV, UTF-8 with a byte-order mark / Danh sách dạng CSV */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv; charset=utf-8": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    exportMembersXlsx: {
        parameters: {
            query?: {
                q?: string;
                unitId?: string;
                branchId?: string;
                status?: "active" | "away" | "lapsed" | "transferred_out" | "removed" | "deceased" | "graduated";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The list as an Excel workbook / Danh sách dạng Excel */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    startMemberExport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "format": "xlsx",
                 *       "unitId": "28261"
                 *     }
                 */
                "application/json": {
                    q?: string;
                    unitId?: string;
                    branchId?: string;
                    /** @enum {string} */
                    status?: "active" | "away" | "lapsed" | "transferred_out" | "removed" | "deceased" | "graduated";
                    /** @enum {string} */
                    format: "csv" | "xlsx";
                };
            };
        };
        responses: {
            /** @description The export, started */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberExport"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getMemberExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberExport"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    listMembers: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                q?: string;
                unitId?: string;
                branchId?: string;
                status?: "active" | "away" | "lapsed" | "transferred_out" | "removed" | "deceased" | "graduated";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of members */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["MemberSummary"][];
                        nextCursor: string | null;
                        /** @description Present when `unitId` was an old commune’s code or name (the official 2025 table) or a unit closed before the day: what was asked for */
                        resolvedFrom?: {
                            /** @description The closed unit of the map; null: known from the official table only */
                            unitId: string | null;
                            code: string | null;
                            name: string;
                            /** @description Split between several units; this one is where it is counted */
                            partial: boolean;
                        };
                        /**
                         * @description On the first page of a name search that more people match than it shows: up to five names one letter away from what was typed (a letter put back, two swapped back) that people in the place bear and the page did not reach, the commonest first — each a q to search for
                         * @example [
                         *       "Nguyễn Thị Lương",
                         *       "Nguyễn Thị Dương"
                         *     ]
                         */
                        similarNames?: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    admitMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retrying with the same key has one effect and returns the same response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "fullName": "Nguyễn Văn An",
                 *       "gender": "male",
                 *       "birthDate": "1980-05-04",
                 *       "nationalId": "087080012345",
                 *       "phone": "0912345678",
                 *       "joinedAt": "2020-01-15",
                 *       "branchId": "b-28261-01"
                 *     }
                 */
                "application/json": components["schemas"]["AdmitMember"];
            };
        };
        responses: {
            /** @description Admitted */
            201: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    listMembersComingOfAge: {
        parameters: {
            query: {
                limit?: number;
                cursor?: string;
                year: number;
                unitId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of members */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["MemberSummary"][];
                        nextCursor: string | null;
                        /** @description Present when `unitId` was an old commune’s code or name (the official 2025 table) or a unit closed before the day: what was asked for */
                        resolvedFrom?: {
                            /** @description The closed unit of the map; null: known from the official table only */
                            unitId: string | null;
                            code: string | null;
                            name: string;
                            /** @description Split between several units; this one is where it is counted */
                            partial: boolean;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updateMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required: the ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMember"];
            };
        };
        responses: {
            /** @description Edited */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    getMemberHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["MemberEvent"][];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getMemberNationalId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The number */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        nationalId: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    changeMemberStatus: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retrying with the same key has one effect and returns the same response */
                "idempotency-key"?: string;
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusChange"];
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    transferMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retrying with the same key has one effect and returns the same response */
                "idempotency-key"?: string;
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Transfer"];
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    transferMemberOut: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retrying with the same key has one effect and returns the same response */
                "idempotency-key"?: string;
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferOut"];
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    introduceMemberToParty: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retrying with the same key has one effect and returns the same response */
                "idempotency-key"?: string;
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntroduceToParty"];
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    decidePartyIntroduction: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retrying with the same key has one effect and returns the same response */
                "idempotency-key"?: string;
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
                introductionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartyOutcome"];
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    listPartyIntroductions: {
        parameters: {
            query: {
                year: number;
                unitId?: string;
                state?: "pending" | "admitted" | "not_admitted" | "withdrawn";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of introductions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PartyIntroductionEntry"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    listIncomingTransfers: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of transfers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["IncomingTransfer"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    acceptIncomingTransfer: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retrying with the same key has one effect and returns the same response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptTransfer"];
            };
        };
        responses: {
            /** @description Admitted */
            201: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    importMembers: {
        parameters: {
            query?: {
                unitId?: string;
            };
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            };
        };
        responses: {
            /** @description What the import did */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Rows in error: nothing imported / Có dòng lỗi: chưa nhập */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkMemberImport: {
        parameters: {
            query?: {
                unitId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            };
        };
        responses: {
            /** @description What importing the file would do; with `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`, the file itself as .xlsx with a first column saying what is wrong with each row (rows in error filled red, rows with a note yellow) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportCheck"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    uploadMemberImport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportUploadRequest"];
            };
        };
        responses: {
            /** @description The import, waiting for its file, and where to send the file */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportUpload"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    startUploadedImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The import, handed to the worker */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportProgress"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getImportTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getImportProgress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The import’s progress */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportProgress"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getMemberRatings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The branch’s sheet */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchMemberRatings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    rateMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RateMembers"];
            };
        };
        responses: {
            /** @description The branch’s sheet as it now stands */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchMemberRatings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    getRatingCriteria: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                year: number;
                branchKind: "residential" | "professional" | "agency";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The set */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatingCriteria"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    saveRatingCriteria: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                year: number;
                branchKind: "residential" | "professional" | "agency";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SaveRatingCriteria"];
            };
        };
        responses: {
            /** @description Replaced */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatingCriteria"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatingCriteria"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
        };
    };
    getBranchRating: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rating */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchRating"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    saveBranchRating: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SaveBranchRating"];
            };
        };
        responses: {
            /** @description Saved */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchRating"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchRating"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
        };
    };
    submitBranchRating: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The rating after the change */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchRating"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
        };
    };
    approveBranchRating: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The rating after the change */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchRating"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
        };
    };
    returnBranchRating: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RatingReason"];
            };
        };
        responses: {
            /** @description The rating after the change */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchRating"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
        };
    };
    unlockBranchRating: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RatingReason"];
            };
        };
        responses: {
            /** @description The rating after the change */
            200: {
                headers: {
                    etag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchRating"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
        };
    };
    listBranchRatings: {
        parameters: {
            query: {
                year: number;
                unitId?: string;
                state?: "draft" | "submitted" | "returned" | "approved";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of ratings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["BranchRating"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getBranchRatingProgress: {
        parameters: {
            query: {
                year: number;
                unitId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The progress */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchRatingProgress"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    openReview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpenMemberReview"];
            };
        };
        responses: {
            /** @description The campaign */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberReviewCampaign"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["Busy"];
        };
    };
    getReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The campaign */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberReviewCampaign"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getReviewProgress: {
        parameters: {
            query?: {
                unitId?: string;
            };
            header?: never;
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The progress */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberReviewProgress"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getBranchReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The branch’s sheet */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchMemberReview"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    confirmBranchReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfirmMemberReview"];
            };
        };
        responses: {
            /** @description The branch’s sheet as it now stands */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchMemberReview"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    completeBranchReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The branch’s sheet, done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchMemberReview"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    closeReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The campaign, closed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberReviewCampaign"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    listAuditRecords: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                entityId?: string;
                actor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of audit records */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AuditRecord"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getEligibilitySettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rules in force */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EligibilityRules"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    replaceEligibilitySettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EligibilityRules"];
            };
        };
        responses: {
            /** @description The rules now in force */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EligibilityRules"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of API keys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ApiKey"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyInput"];
            };
        };
        responses: {
            /** @description The new key, with its secret */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key, without its secret */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key, revoked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoints */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Webhook"][];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhook"];
            };
        };
        responses: {
            /** @description The endpoint and its signing secret */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["Busy"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required: the ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhook"];
            };
        };
        responses: {
            /** @description The endpoint as changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version the change is made against */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint and its new secret */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            503: components["responses"]["Busy"];
        };
    };
    sendWebhookTest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery, queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WebhookDelivery"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    replayWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery, queued again */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    recountFigures: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecountRequest"];
            };
        };
        responses: {
            /** @description What differs, and whether it was corrected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecountReport"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getUnitTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The target */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Target"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    setUnitTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetTarget"];
            };
        };
        responses: {
            /** @description The target now set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Target"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["Busy"];
        };
    };
    getStats: {
        parameters: {
            query: {
                unitId: string;
                /** @description The day the figures are for; past days read the latest snapshot on or before it. Default: today */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stats"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getFrontOverview: {
        parameters: {
            query: {
                unitId: string;
                /** @description The day the figures are for; past days read the latest snapshot on or before it. Default: today */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The overview */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FrontOverview"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    compareFrontFigures: {
        parameters: {
            query: {
                unitId: string;
                from: string;
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The comparison */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FrontComparison"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    exportFrontOverview: {
        parameters: {
            query: {
                unitId: string;
                /** @description The day the figures are for; past days read the latest snapshot on or before it. Default: today */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workbook (.xlsx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    exportFrontComparison: {
        parameters: {
            query: {
                unitId: string;
                from: string;
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workbook (.xlsx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    takeSnapshot: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SnapshotRequest"];
            };
        };
        responses: {
            /** @description What was copied */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnapshotResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["Busy"];
        };
    };
    reviseSnapshot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                date: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SnapshotRevisionRequest"];
            };
        };
        responses: {
            /** @description The revision now read for the day */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnapshotRevision"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["Busy"];
        };
    };
    memberCreatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery’s id: the same on every retry and replay */
                "webhook-id": string;
                /** @description Seconds since the epoch when it was signed */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` keyed with the endpoint’s secret; two while a rotated secret still signs */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEvent.member.created"];
            };
        };
        responses: {
            /** @description Received / Đã nhận */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled, nothing more is sent / Ngừng nhận */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    memberUpdatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery’s id: the same on every retry and replay */
                "webhook-id": string;
                /** @description Seconds since the epoch when it was signed */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` keyed with the endpoint’s secret; two while a rotated secret still signs */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEvent.member.updated"];
            };
        };
        responses: {
            /** @description Received / Đã nhận */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled, nothing more is sent / Ngừng nhận */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    memberStatusChangedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery’s id: the same on every retry and replay */
                "webhook-id": string;
                /** @description Seconds since the epoch when it was signed */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` keyed with the endpoint’s secret; two while a rotated secret still signs */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEvent.member.status_changed"];
            };
        };
        responses: {
            /** @description Received / Đã nhận */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled, nothing more is sent / Ngừng nhận */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    memberTransferredEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery’s id: the same on every retry and replay */
                "webhook-id": string;
                /** @description Seconds since the epoch when it was signed */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` keyed with the endpoint’s secret; two while a rotated secret still signs */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEvent.member.transferred"];
            };
        };
        responses: {
            /** @description Received / Đã nhận */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled, nothing more is sent / Ngừng nhận */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    memberTransferredOutEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery’s id: the same on every retry and replay */
                "webhook-id": string;
                /** @description Seconds since the epoch when it was signed */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` keyed with the endpoint’s secret; two while a rotated secret still signs */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEvent.member.transferred_out"];
            };
        };
        responses: {
            /** @description Received / Đã nhận */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled, nothing more is sent / Ngừng nhận */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    branchCreatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery’s id: the same on every retry and replay */
                "webhook-id": string;
                /** @description Seconds since the epoch when it was signed */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` keyed with the endpoint’s secret; two while a rotated secret still signs */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEvent.branch.created"];
            };
        };
        responses: {
            /** @description Received / Đã nhận */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled, nothing more is sent / Ngừng nhận */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    branchDissolvedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery’s id: the same on every retry and replay */
                "webhook-id": string;
                /** @description Seconds since the epoch when it was signed */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` keyed with the endpoint’s secret; two while a rotated secret still signs */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEvent.branch.dissolved"];
            };
        };
        responses: {
            /** @description Received / Đã nhận */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled, nothing more is sent / Ngừng nhận */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    branchRatingApprovedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery’s id: the same on every retry and replay */
                "webhook-id": string;
                /** @description Seconds since the epoch when it was signed */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` keyed with the endpoint’s secret; two while a rotated secret still signs */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEvent.branch.rating_approved"];
            };
        };
        responses: {
            /** @description Received / Đã nhận */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled, nothing more is sent / Ngừng nhận */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    unitTargetSetEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery’s id: the same on every retry and replay */
                "webhook-id": string;
                /** @description Seconds since the epoch when it was signed */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` keyed with the endpoint’s secret; two while a rotated secret still signs */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEvent.unit.target_set"];
            };
        };
        responses: {
            /** @description Received / Đã nhận */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled, nothing more is sent / Ngừng nhận */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    snapshotTakenEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery’s id: the same on every retry and replay */
                "webhook-id": string;
                /** @description Seconds since the epoch when it was signed */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` keyed with the endpoint’s secret; two while a rotated secret still signs */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEvent.snapshot.taken"];
            };
        };
        responses: {
            /** @description Received / Đã nhận */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled, nothing more is sent / Ngừng nhận */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookTestEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery’s id: the same on every retry and replay */
                "webhook-id": string;
                /** @description Seconds since the epoch when it was signed */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` keyed with the endpoint’s secret; two while a rotated secret still signs */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEvent.webhook.test"];
            };
        };
        responses: {
            /** @description Received / Đã nhận */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled, nothing more is sent / Ngừng nhận */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
