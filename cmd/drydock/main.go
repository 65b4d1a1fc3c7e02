// Command drydock rehearses the production lifecycle of a Kubernetes
// cluster on AWS, locally and for free.
package main

import "github.com/drydock-sandbox/drydock/cmd/drydock/app"

func main() { app.Main() }
