import { Notification } from './notification.entity.ts';
import { Session } from './session.entity.ts';
import { TrackLike } from './track-like.entity.ts';
import { Track } from './track.entity.ts';
import { User } from './user.entity.ts';

export const entities = [User, Session, Track, TrackLike, Notification];
