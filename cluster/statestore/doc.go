// Package statestore keeps clusters in kOps' state store layout, on
// s3://BUCKET/PREFIX or file://DIR.
//
// Under the store's root, for each cluster NAME:
//
//	NAME/config                          the Cluster (v1alpha2 YAML)
//	NAME/instancegroup/IG                each InstanceGroup
//	NAME/cluster-completed.spec          the completed spec, written at update
//	NAME/kops-version.txt                the writer's version ("drydock v0.0.0-dev")
//	NAME/pki/private/KEYSET/keyset.yaml  a kOps Keyset with certificate and key
//	NAME/pki/issued/KEYSET/keyset.yaml   the same Keyset, certificate only
//	NAME/secrets/SECRET                  a kOps secret, {"Data": base64}
//
// Every write that may race is conditional: creating uses If-None-Match: *
// and updating uses If-Match: VERSION, where VERSION is what a read
// returned (the S3 ETag, or a content hash for file://). The loser of a
// race gets ErrConflict (or ErrAlreadyExists) and nothing is overwritten.
// Versions depend on content only (as S3's ETags do), so a write that
// changes nothing keeps the version: an edit racing with such a no-op
// write also succeeds, and no update is lost.
//
// URLs: "s3://bucket/prefix" (the bucket must exist; Open checks) and
// "file://DIR". As in kOps, everything after "file://" is the path, so
// "file:///abs/dir" is absolute and "file://rel/dir" is relative to the
// working directory (made absolute by Open). Open creates the directory.
// The file:// backend writes through a temporary file and a rename, and
// serialises writers, across processes, with flock(2) on DIR/.drydock.lock;
// it therefore needs a Unix system.
package statestore
