"""Runs the orchestrator image as one long-running Chalk Compute container.

This is the Java service's counterpart of the deploy.py in docs.chalk.ai's "Webhook Agent
Orchestrator" tutorial (https://docs.chalk.ai/docs/compute/webhook-agent-orchestrator), which
deploys a FastAPI version of the same idea. Based on:

- that tutorial: a single long-running Container; secrets declared up front with
  Secret(name=...), named after the environment variable they inject, so the container does not
  start while one is missing; agent state in SQLite at /data/agents.db on a Chalk Volume so it
  survives restarts; the container definition kept in a deploy.py of its own.
- chalk-ai/examples, 17_compute/opencode/opencode.py and 17_compute/README.md: how a Container
  takes a prebuilt image (Image.base), a port, a named volume with its mount path
  (volumes=[(name, path)]), an entrypoint and plain env, and how .run() starts it and
  container.info.web_url gives its address.
- docs.chalk.ai/docs/compute/volumes: creating the volume with `chalk volume create`.

Adapted to this image: the tutorial's OPENAI_API_KEY secret is dropped (this service makes no
model calls itself); ORCHESTRATOR_API_TOKEN is required, because the container's URL is not
loopback and the read API answers nobody else without a token; the entrypoint is read from
deploy/Dockerfile so both start the JVM the same way.

Not verified here: no Chalk account or chalkcompute SDK was available when this was written,
so it has not been run. The tutorial's own deploy.py body was not available either; keyword
arguments follow the sources above (chalkcompute >= 1.1.1). One version of the tutorial
declares secrets with Secret.from_env("NAME") instead of Secret(name="NAME"); use whichever
your SDK version has.

Usage, from the repository root, after pushing the image to a registry Chalk can pull from:

    chalk volume create webhook-orchestrator-data
    # store GITHUB_WEBHOOK_SECRET, CONTROLLER_URL, CONTROLLER_API_KEY and
    # ORCHESTRATOR_API_TOKEN as secrets in the Chalk project settings, then:
    ORCHESTRATOR_IMAGE=registry.example.com/webhook-orchestrator:0.1.0 \\
        python deploy/chalk/deploy.py
"""

import json
import os
import pathlib

from chalkcompute import Container, Image, Secret

PORT = 8000
VOLUME = "webhook-orchestrator-data"
DATA_DIR = "/data"
DOCKERFILE = pathlib.Path(__file__).resolve().parent.parent / "Dockerfile"


def dockerfile_entrypoint() -> list[str]:
    """The exec-form ENTRYPOINT of deploy/Dockerfile: java, its options and the jar."""
    for line in DOCKERFILE.read_text().splitlines():
        if line.startswith("ENTRYPOINT ["):
            return json.loads(line[len("ENTRYPOINT"):])
    raise SystemExit(f"no exec-form ENTRYPOINT line in {DOCKERFILE}")


def main() -> None:
    image = os.environ.get("ORCHESTRATOR_IMAGE")
    if not image:
        raise SystemExit("set ORCHESTRATOR_IMAGE to the pushed image of deploy/Dockerfile")

    container = Container(
        image=Image.base(image),
        name="webhook-orchestrator",
        cpu="1",
        memory="512Mi",
        port=PORT,
        entrypoint=dockerfile_entrypoint(),
        env={
            "DB_PATH": f"{DATA_DIR}/agents.db",
            "PORT": str(PORT),
            "LOG_FORMAT": "json",
        },
        secrets=[
            Secret(name="GITHUB_WEBHOOK_SECRET"),
            Secret(name="CONTROLLER_URL"),
            Secret(name="CONTROLLER_API_KEY"),
            Secret(name="ORCHESTRATOR_API_TOKEN"),
        ],
        # One writer only: SQLite on this volume must never be opened by two containers at once.
        volumes=[(VOLUME, DATA_DIR)],
    ).run()

    container.refresh()
    web_url = container.info.web_url if container.info else None
    print(f"webhook-orchestrator running: {web_url or container.id}")
    if web_url:
        print(f"  GitHub webhook URL: {web_url}/webhooks/github")
        print(f"  readiness:          {web_url}/ready")


if __name__ == "__main__":
    main()
