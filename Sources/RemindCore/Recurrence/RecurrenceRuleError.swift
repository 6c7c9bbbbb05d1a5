/// Why an RRULE text or a `RecurrenceRule` cannot be used; `description` reads as a sentence.
public enum RecurrenceRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `;`-separated part is not `KEY=VALUE`.
    case malformedPart(String)
    /// The text has no `FREQ=` part.
    case missingFrequency
    /// `FREQ` names a frequency remindd does not support (e.g. `SECONDLY`).
    case unsupportedFrequency(String)
    /// A part RFC 5545 defines but remindd does not support (`BYSETPOS`, `BYWEEKNO`, `WKST=SU`, …).
    case unsupportedPart(String)
    /// A key RFC 5545 does not define.
    case unknownPart(String)
    /// The same key appears twice.
    case duplicatePart(String)
    /// A value that cannot be read for its part (`INTERVAL=two`, `BYDAY=XX`, `UNTIL=tomorrow`).
    case invalidValue(part: String, value: String)
    /// A number outside the range the part allows (`BYHOUR=24`, `INTERVAL=0`).
    case valueOutOfRange(part: String, value: Int)
    /// Parts that are valid alone but not together (or not with this frequency).
    case unsupportedCombination(String)

    public var description: String {
        switch self {
        case .malformedPart(let part):
            "RRULE part \"\(part)\" is not KEY=VALUE"
        case .missingFrequency:
            "RRULE has no FREQ part"
        case .unsupportedFrequency(let value):
            "FREQ=\(value) is not supported (use YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY or MINUTELY)"
        case .unsupportedPart(let part):
            "RRULE part \(part) is not supported"
        case .unknownPart(let key):
            "\(key) is not an RRULE part"
        case .duplicatePart(let key):
            "RRULE part \(key) appears more than once"
        case .invalidValue(let part, let value):
            "\"\(value)\" is not a valid value for \(part)"
        case .valueOutOfRange(let part, let value):
            "\(part)=\(value) is out of range"
        case .unsupportedCombination(let reason):
            "unsupported RRULE: \(reason)"
        }
    }
}
