-- Kiosk secrets are stored sealed (AES-256-GCM under a configured key, see
-- server/src/services/kiosk-secrets.ts), never plain. The rename makes any reader of the old
-- plain column fail loudly; the migration's code step re-seals the existing rows in the same
-- transaction.
ALTER TABLE kiosks RENAME COLUMN secret TO secret_sealed;
