import Foundation

/// The JSON error body of every REST failure except 429 (MATTERMOST.md §6). Switch on `id`, not `message`
/// (which is localised).
public struct AppError: Codable, Sendable, Equatable, Error {
    public var id: String
    public var message: String
    public var detailedError: String
    public var requestID: String
    public var statusCode: Int

    /// Creates an error body.
    public init(id: String, message: String, detailedError: String = "", requestID: String = "", statusCode: Int) {
        self.id = id
        self.message = message
        self.detailedError = detailedError
        self.requestID = requestID
        self.statusCode = statusCode
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
        detailedError = try container.decodeIfPresent(String.self, forKey: .detailedError) ?? ""
        requestID = try container.decodeIfPresent(String.self, forKey: .requestID) ?? ""
        statusCode = try container.decodeIfPresent(Int.self, forKey: .statusCode) ?? 0
    }

    enum CodingKeys: String, CodingKey {
        case id, message
        case detailedError = "detailed_error", requestID = "request_id", statusCode = "status_code"
    }
}

/// `{"status":"OK"}`, the body of ping, delete and dialog-open.
public struct StatusResponse: Codable, Sendable, Equatable {
    public var status: String

    /// Creates a status body.
    public init(status: String) {
        self.status = status
    }
}
