// Package route53 serves Amazon Route 53 hosted zones and record sets over
// the rest-xml protocol, and answers DNS queries for them with a real
// authoritative DNS server (DNSServer, UDP and TCP on one port).
//
// Route 53 is global: zones belong to an account, in no region. The API
// answers as AWS does where clients can tell: zone IDs "Z…", change IDs
// "C…", four AWS-shaped name servers per public zone with the apex SOA and
// NS records (private zones get AWS's fixed ns-0.awsdns-00.com set and no
// delegation set), names normalised to lower case with a trailing dot and
// "*" written \052, record sets sorted by name with the labels reversed
// and then by type, atomic change batches whose refusals come back as
// InvalidChangeBatch in AWS's own <InvalidChangeBatch><Messages> document,
// and changes that move from PENDING to INSYNC once Config.ChangeDelay has
// passed on the injected clock. A CreateHostedZone retried with the same
// caller reference and name returns the zone it created; with another
// name it is HostedZoneAlreadyExists.
//
// The DNS server reads the store on every query, so a change is answered
// at once (while GetChange may still say PENDING). It answers with the AA
// bit for every zone of one account; names in no zone are REFUSED. It
// follows CNAMEs into the zones it serves, synthesises wildcards as RFC
// 4592 says, answers NXDOMAIN and NODATA with the zone's SOA, refers
// below NS records set under the apex (AA clear, glue added), answers
// aliases with the target's records when the target is in one of the
// account's zones and through an AliasResolver otherwise (TTL 60), and
// truncates UDP answers to 512 octets or the client's EDNS0 buffer. Among
// routed record sets (weighted, failover, ...) it answers deterministically:
// the heaviest weight, the PRIMARY, every multivalue set, else the first
// set identifier.
//
// Zones with the same name: the DNS server answers from the zone whose
// name is the longest suffix of the query; between a public and a private
// zone of that name it prefers the public one, unless DNSConfig.VPC says
// which VPC the client sits in, in which case the private zones
// associated with that VPC win and private zones of other VPCs are not
// served at all.
package route53
