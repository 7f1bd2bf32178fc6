"""Imported by the forkserver that starts the batch's worker processes (see
:mod:`hallbarhet_cli.batch.runner`): it warms that one process up, so each worker it starts
begins with the modules imported and the validators built. The forkserver, and every
worker it starts, ignores Ctrl-C and dies with its parent (see
:mod:`hallbarhet_cli.batch.interrupts`)."""

from hallbarhet_cli.batch.interrupts import die_with_parent
from hallbarhet_cli.batch.worker import warm

die_with_parent()
warm()
