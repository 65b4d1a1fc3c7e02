// Package s3 serves Amazon S3 over rest-xml: buckets, objects with bodies
// streamed to blob files, versioning, multipart uploads, conditional
// writes, path-style and virtual-host-style addressing.
//
// A request is addressed (router.go: bucket from the Host header or the
// path, the path decoded exactly once), mapped to an S3 operation by
// method and subresource as the S3 model routes them, and served by one
// handler per operation. Operations fakeaws does not serve answer 501
// NotImplemented naming the operation.
//
// Bucket names are global, so the bucket registry is too (_global/s3/buckets);
// a bucket's objects, versions and uploads live under its owner's
// account, and other accounts get AccessDenied. Bodies never sit in
// memory: they stream into a blob while MD5 and the requested checksum
// are computed, and the metadata that references the blob commits in one
// transaction afterwards; blobs a transaction drops are removed once it
// commits, and Start sweeps blobs orphaned by a crash in between.
//
// Regions: CreateBucket enforces AWS's location-constraint rules and
// HeadBucket sent to another region's endpoint answers 301 with
// x-amz-bucket-region, as AWS does. Other operations serve a bucket
// whatever region the request was signed for (AWS would answer
// PermanentRedirect or AuthorizationHeaderMalformed).
package s3
