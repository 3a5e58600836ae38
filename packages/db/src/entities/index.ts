import { AuditEvent } from './audit-event.entity.ts';
import { AuthChallenge } from './auth-challenge.entity.ts';
import { DevMail } from './dev-mail.entity.ts';
import { EmailToken } from './email-token.entity.ts';
import { Notification } from './notification.entity.ts';
import { OAuthAccount } from './oauth-account.entity.ts';
import { Passkey } from './passkey.entity.ts';
import { RecoveryCode } from './recovery-code.entity.ts';
import { RefreshToken } from './refresh-token.entity.ts';
import { Session } from './session.entity.ts';
import { TrackLike } from './track-like.entity.ts';
import { TrackUpload } from './track-upload.entity.ts';
import { Track } from './track.entity.ts';
import { User } from './user.entity.ts';
import { Message } from '../chat/message.entity.ts';
import { RoomMember } from '../chat/room-member.entity.ts';
import { Room } from '../chat/room.entity.ts';

export const entities = [User, Session, RefreshToken, EmailToken, RecoveryCode, Passkey, AuthChallenge, OAuthAccount, AuditEvent, DevMail, Track, TrackLike, TrackUpload, Notification, Room, RoomMember, Message];
