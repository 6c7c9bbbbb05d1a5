import Foundation
import Mattermost
import RemindStore

/// What went wrong while answering someone, in the words they are told: handlers throw these, and each
/// answer (ephemeral text, a rewritten post, a dialog error) shows `message`. The one place for the
/// "try again" sentences.
enum ServiceFailure: Error, Sendable, Equatable {
    /// Mattermost did not answer (or failed) a call made to `purpose`, e.g. "check this click".
    case mattermostUnreachable(purpose: String)
    /// The database (or remindd itself) failed trying to `purpose`, e.g. "save the reminder".
    case storeFailed(purpose: String)
    /// The person may not or cannot do this; the sentence says why and what works.
    case refused(String)
    /// The reminder was completed or deleted before this click.
    case alreadyEnded(ReminderState)
    /// Creating would pass the creator's limit of active reminders.
    case limitReached(active: Int, limit: Int, adding: Int)

    /// The sentence shown to the person.
    var message: String {
        switch self {
        case .mattermostUnreachable(let purpose):
            "I couldn't reach Mattermost to \(purpose); try again in a minute."
        case .storeFailed(let purpose):
            "Something went wrong on my side when trying to \(purpose); please try again."
        case .refused(let sentence):
            sentence
        case .alreadyEnded(let state):
            "This reminder was already \(state.rawValue)."
        case .limitReached(let active, let limit, let adding):
            "You already have \(active) active reminders, and the limit is \(limit)"
                + (adding > 1 ? " (this one would add \(adding))" : "")
                + ". Complete or delete some in `/remind list` first."
        }
    }

    /// `error` as a failure: Mattermost and store errors by kind (logged, since the person only sees the
    /// sentence), a `ServiceFailure` as it is.
    static func from(_ error: any Error, purpose: String, logger: Logger) -> ServiceFailure {
        switch error {
        case let failure as ServiceFailure:
            return failure
        case ReminderStoreError.reminderNotActive(_, let state):
            return .alreadyEnded(state)
        case ReminderStoreError.notDue, ReminderStoreError.nextFireNotAfterDue:
            return .refused("That time has already fired or been skipped; the reminder is now at its next one.")
        case ReminderStoreError.activeLimitReached(let active, let limit):
            return .limitReached(active: active, limit: limit, adding: 1)
        case let error as MattermostError:
            logger.log(.warning, "Mattermost call failed", ["purpose": purpose, "error": error.description])
            return .mattermostUnreachable(purpose: purpose)
        default:
            logger.log(.error, "store or internal failure", ["purpose": purpose, "error": String(describing: error)])
            return .storeFailed(purpose: purpose)
        }
    }
}
