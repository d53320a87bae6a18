// random model file (seed 0, #14), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_14 {
	Layer L0 {
		Type: NGCONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 2, G: 4, K: 96, C: 4, R: 1, S: 1, Y: 19, X: 35 }
	}
	Layer L1 {
		Type: DSCONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 3, K: 1, C: 1, R: 3, S: 1, Y: 14, X: 20 }
	}
}
