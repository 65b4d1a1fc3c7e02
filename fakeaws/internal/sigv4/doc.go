// Package sigv4 verifies AWS Signature Version 4 on incoming requests:
// header-signed and presigned (query) requests, UNSIGNED-PAYLOAD, and
// aws-chunked streaming bodies whose chunks are signed one by one.
package sigv4
