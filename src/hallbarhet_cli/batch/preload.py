"""Imported by the forkserver that starts the batch's worker processes (see
:mod:`hallbarhet_cli.batch.runner`): it warms that one process up, so each worker it starts
begins with the modules imported and the validators built."""

from hallbarhet_cli.batch.worker import warm

warm()
