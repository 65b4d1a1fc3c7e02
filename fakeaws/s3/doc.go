// Package s3 serves Amazon S3 over rest-xml: buckets, objects with bodies
// streamed to blob files, versioning, multipart uploads, conditional
// writes, path-style and virtual-host-style addressing.
package s3
