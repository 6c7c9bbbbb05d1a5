import Foundation

/// One of a user's stored preferences (`category`/`name` → `value`), e.g. `display_settings`/`use_military_time`.
public struct Preference: Codable, Sendable, Equatable {
    public var userID: String
    public var category: String
    public var name: String
    /// Always a string on the wire (`"true"`).
    public var value: String

    /// Creates a preference.
    public init(userID: String, category: String, name: String, value: String) {
        self.userID = userID
        self.category = category
        self.name = name
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        userID = try container.decodeIfPresent(String.self, forKey: .userID) ?? ""
        category = try container.decodeIfPresent(String.self, forKey: .category) ?? ""
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        value = try container.decodeIfPresent(String.self, forKey: .value) ?? ""
    }

    enum CodingKeys: String, CodingKey {
        case category, name, value
        case userID = "user_id"
    }
}
