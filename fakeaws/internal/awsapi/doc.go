// Package awsapi holds what every fakeaws service shares: the request as a
// handler sees it (caller, account, region, request ID), AWS errors with
// their codes and HTTP statuses, and the wire codecs of the query, ec2 and
// rest-xml protocols.
package awsapi
